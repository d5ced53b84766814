/// Keeps every output inside `settings.output_dir`: no absolute paths, no `..`, no separators
/// smuggled in through template values, and only names valid on common file systems.
enum OutputPathRules {
    private static let forbiddenCharacters: Set<Character> = ["<", ">", ":", "\"", "|", "?", "*", "\\"]
    private static let reservedNames: Set<String> = [
        "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
        "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
    ]
    /// The letters reserved names start with (lowercase): other names need no string built.
    private static let reservedFirstBytes = Set(reservedNames.compactMap(\.utf8.first))

    /// Why a resolved output path (relative to output_dir) is refused, or nil when it is safe.
    static func problem(
        in expression: ParameterExpression, evaluator: ExpressionEvaluator, resolved: Value
    ) -> ParameterProblem? {
        if case .template(let template, _, _) = expression {
            for part in template.parts {
                guard case .expression(let inner) = part, let value = try? evaluator.evaluate(inner),
                    let text = value.interpolated
                else {
                    continue
                }
                if containsSeparator(text) {
                    return ParameterProblem(
                        "\(shown(inner, text)) put into the path contains a path separator",
                        hint: "use basename(…) or replace(…, '/', '-') on it")
                }
                if text == ".." || text == "." {
                    return ParameterProblem("\(shown(inner, text)) put into the path would change folders")
                }
            }
        }
        guard let path = resolved.stringValue, !isPlainlySafe(path) else { return nil }
        return problem(inPath: path, quoting: !expression.readsEnvironment)
    }

    /// How a diagnostic names a value put into a path: quoted, unless it comes from `env.*` and
    /// may be a secret.
    private static func shown(_ expression: Expression, _ text: String) -> String {
        expression.readsEnvironment ? "an env value" : "the value '\(text)'"
    }

    /// Why `path` is refused. With `quoting` false (the path holds an env value, maybe a secret),
    /// the messages name "the path" or "a name in the path" instead of quoting them.
    static func problem(inPath path: String, quoting: Bool = true) -> ParameterProblem? {
        if isPlainlySafe(path) { return nil }
        let wholePath = quoting ? "'\(path)'" : "the path"
        func name(_ segment: Substring) -> String { quoting ? "'\(segment)'" : "a name in the path" }
        if path.hasPrefix("/") || path.hasPrefix("~") {
            return ParameterProblem(
                "\(wholePath) is absolute; outputs go inside settings.output_dir", hint: "use a relative path")
        }
        if path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return ParameterProblem("the path contains control characters")
        }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        for segment in segments {
            if segment == ".." {
                return ParameterProblem(
                    "\(wholePath) climbs out of settings.output_dir with '..'",
                    hint: "outputs must stay inside output_dir")
            }
            if segment.isEmpty || segment == "." { continue }
            if let bad = segment.first(where: { forbiddenCharacters.contains($0) }) {
                return ParameterProblem(
                    "\(name(segment)) contains '\(bad)', which common file systems do not allow in names")
            }
            if segment.hasSuffix(" ") || segment.hasSuffix(".") {
                return ParameterProblem(
                    "\(name(segment)) ends with a space or a dot, which common file systems do not allow")
            }
            let base = segment.split(separator: ".", maxSplits: 1).first.map { $0.lowercased() } ?? ""
            if reservedNames.contains(base) {
                return ParameterProblem("\(name(segment)) is a reserved device name on Windows file systems")
            }
            if segment.utf8.count > 255 {
                return ParameterProblem("a name in the path is longer than 255 bytes")
            }
        }
        if PathText.normalized(path) == "." {
            return ParameterProblem("the path names output_dir itself, not a file")
        }
        return nil
    }

    private static func containsSeparator(_ text: String) -> Bool {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            return text.utf8.contains { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "\\") }
        }
        return text.contains("/") || text.contains("\\")
    }

    /// The common case, decided on ASCII bytes: a relative path of plain names that none of the
    /// rules above refuses. `false` leaves the decision (and the message) to them.
    private static func isPlainlySafe(_ path: String) -> Bool {
        var path = path
        return path.withUTF8(isPlainlySafe(bytes:))
    }

    /// ``isPlainlySafe(_:)`` on the path's bytes, a name at a time, without splitting them.
    private static func isPlainlySafe(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let slash = UInt8(ascii: "/")
        let dot = UInt8(ascii: ".")
        guard let first = bytes.first, first != slash, first != UInt8(ascii: "~") else { return false }
        var hasName = false
        var start = 0
        while start <= bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != slash { end += 1 }
            let segment = UnsafeBufferPointer(rebasing: bytes[start..<end])
            start = end + 1
            if segment.isEmpty || (segment.count == 1 && segment[0] == dot) { continue }
            guard segment.count <= 255, segment[0] != dot, segment.allSatisfy(isPlainByte) else { return false }
            if segment[segment.count - 1] == dot || segment[segment.count - 1] == UInt8(ascii: " ") { return false }
            if isReservedName(segment.prefix { $0 != dot }) { return false }
            hasName = true
        }
        return hasName
    }

    /// Printable ASCII that file systems allow in names.
    private static func isPlainByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: ":"), UInt8(ascii: "\""), UInt8(ascii: "|"),
            UInt8(ascii: "?"), UInt8(ascii: "*"), UInt8(ascii: "\\"):
            false
        default:
            byte >= 0x20 && byte < 0x7F
        }
    }

    /// Whether a name (before its first dot, ASCII) is a reserved device name in any case.
    private static func isReservedName(_ base: some Collection<UInt8>) -> Bool {
        guard base.count == 3 || base.count == 4, let first = base.first,
            reservedFirstBytes.contains(first | 0x20)
        else { return false }
        let lowered = base.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 + 0x20 : $0 }
        return reservedNames.contains(String(decoding: lowered, as: UTF8.self))
    }
}
