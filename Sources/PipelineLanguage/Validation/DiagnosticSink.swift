/// Collects diagnostics while a phase walks the file, so every problem is reported at once.
struct DiagnosticSink {
    private(set) var diagnostics: [Diagnostic] = []
    private var seen: Set<String> = []

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    mutating func add(_ diagnostic: Diagnostic) {
        let identity = "\(diagnostic.location)|\(diagnostic.message)"
        if seen.insert(identity).inserted { diagnostics.append(diagnostic) }
    }

    mutating func error(_ code: DiagnosticCode, at location: SourceLocation, _ message: String, hint: String? = nil) {
        add(.error(code, at: location, message, hint: hint))
    }

    mutating func warning(_ code: DiagnosticCode, at location: SourceLocation, _ message: String, hint: String? = nil) {
        add(.warning(code, at: location, message, hint: hint))
    }

    mutating func add(contentsOf other: [Diagnostic]) {
        for diagnostic in other { add(diagnostic) }
    }
}
