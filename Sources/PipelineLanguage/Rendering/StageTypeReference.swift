import MagicHourRules

/// The README's reference of the stage types made from generation endpoints, generated from their
/// declarations (`pipeline types --format markdown`); a test keeps the README equal to it.
public enum StageTypeReference {
    /// One section per endpoint stage type: parameters, price, processing time, outputs, example.
    public static func markdown(_ registry: StageTypeRegistry = .builtIn) -> String {
        registry.types.compactMap { type in type.endpoint.map { section(type, $0) } }.joined(separator: "\n")
    }

    /// One line per stage type: name, what it does and its price.
    public static func plain(_ registry: StageTypeRegistry = .builtIn) -> String {
        let width = registry.types.map(\.name.count).max() ?? 0
        return registry.types.map { type in
            let price =
                type.endpoint?.price.text ?? (type.isPaid ? "per second by model and resolution" : "free (local)")
            return type.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + type.summary + " — " + price
        }.joined(separator: "\n") + "\n"
    }

    private static func section(_ type: StageType, _ endpoint: GenerationEndpoint) -> String {
        var lines = [
            "### `\(type.name)` (paid, \(endpoint.kind.rawValue) project)", "",
            "\(type.summary) `POST \(endpoint.path)`, polled at `/v1/\(endpoint.kind.projectsSegment)/{id}`.", "",
            "| parameter | default | meaning |", "|---|---|---|",
        ]
        for parameter in type.parameters {
            let fallback = parameter.isRequired ? "required" : parameter.defaultValue.map { "`\($0)`" } ?? "none"
            let values: String
            switch parameter.kind {
            case .enumeration(let choices) where choices.count > 12:
                values = "one of \(choices.count) values (JSON Schema: `pipeline schema`)"
            default:
                values = parameter.kindDescription
            }
            lines.append("| `\(parameter.name)` | \(fallback) | \(escape(parameter.summary)) — \(escape(values)) |")
        }
        lines += [
            "",
            "Price: \(endpoint.price.text). Typical processing time: \(SecondsFormat.format(endpoint.typicalSeconds)) s "
                + "(the first poll goes near it). Outputs: "
                + type.outputs.map { "`\($0.name)`" }.joined(separator: ", ")
                + ".",
            "", "```yaml", "uses: \(type.name)",
            "with: { " + endpoint.example.map { "\($0.0): \(yaml($0.1))" }.joined(separator: ", ") + " }", "```", "",
        ]
        return lines.joined(separator: "\n")
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|")
    }

    /// A YAML flow scalar: quoted when it holds characters YAML reads otherwise.
    private static func yaml(_ text: String) -> String {
        let plain = text.allSatisfy { $0.isLetter || $0.isNumber || "._-/ ".contains($0) } && !text.hasPrefix(" ")
        return plain ? text : "\"\(text.replacingOccurrences(of: "\"", with: "\\\""))\""
    }
}
