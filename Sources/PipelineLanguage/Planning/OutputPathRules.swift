/// Keeps every output inside `settings.output_dir`: no absolute paths, no `..`, no separators
/// smuggled in through template values, and only names valid on common file systems.
enum OutputPathRules {
    private static let forbiddenCharacters: Set<Character> = ["<", ">", ":", "\"", "|", "?", "*", "\\"]
    private static let reservedNames: Set<String> = [
        "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
        "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
    ]

    /// Why a resolved output path (relative to output_dir) is refused, or nil when it is safe.
    static func problem(in expression: ParameterExpression, evaluator: ExpressionEvaluator, resolved: Value) -> ParameterProblem? {
        if case .template(let template, _, _) = expression {
            for part in template.parts {
                guard case .expression(let inner) = part, let value = try? evaluator.evaluate(inner), let text = value.interpolated else {
                    continue
                }
                // An env.* value may be a secret: it is described, never quoted.
                let shown = inner.readsEnvironment ? "an env value" : "the value '\(text)'"
                if text.contains("/") || text.contains("\\") {
                    return ParameterProblem(
                        "\(shown) put into the path contains a path separator",
                        hint: "use basename(…) or replace(…, '/', '-') on it")
                }
                if text == ".." || text == "." {
                    return ParameterProblem("\(shown) put into the path would change folders")
                }
            }
        }
        guard let path = resolved.stringValue else { return nil }
        return problem(inPath: path, quoting: !expression.readsEnvironment)
    }

    /// Why `path` is refused. With `quoting` false (the path holds an env value, maybe a secret),
    /// the messages name "the path" or "a name in the path" instead of quoting them.
    static func problem(inPath path: String, quoting: Bool = true) -> ParameterProblem? {
        let wholePath = quoting ? "'\(path)'" : "the path"
        func name(_ segment: Substring) -> String { quoting ? "'\(segment)'" : "a name in the path" }
        if path.hasPrefix("/") || path.hasPrefix("~") {
            return ParameterProblem("\(wholePath) is absolute; outputs go inside settings.output_dir", hint: "use a relative path")
        }
        if path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return ParameterProblem("the path contains control characters")
        }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        for segment in segments {
            if segment == ".." {
                return ParameterProblem("\(wholePath) climbs out of settings.output_dir with '..'", hint: "outputs must stay inside output_dir")
            }
            if segment.isEmpty || segment == "." { continue }
            if let bad = segment.first(where: { forbiddenCharacters.contains($0) }) {
                return ParameterProblem("\(name(segment)) contains '\(bad)', which common file systems do not allow in names")
            }
            if segment.hasSuffix(" ") || segment.hasSuffix(".") {
                return ParameterProblem("\(name(segment)) ends with a space or a dot, which common file systems do not allow")
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
}
