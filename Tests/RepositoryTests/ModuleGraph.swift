import Foundation

/// The graph of the package's own modules (not test targets, not other packages' products), read
/// from the text of `Package.swift`, and drawn as a Mermaid flowchart for the README.
struct ModuleGraph: Equatable {
    /// Each module and the package modules it depends on, in `Package.swift` order.
    var modules: [(name: String, dependencies: [String])]

    static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.modules.map(\.name) == rhs.modules.map(\.name)
            && lhs.modules.map(\.dependencies) == rhs.modules.map(\.dependencies)
    }

    /// Reads `.target`, `.executableTarget` and `.systemLibrary` declarations from a manifest.
    init(manifest: String) {
        let declaration = try! Regex(#"\.(target|executableTarget|systemLibrary)\(\s*name:\s*"([A-Za-z0-9_]+)""#)
        var modules: [(String, [String])] = []
        for match in manifest.matches(of: declaration) {
            let name = String(manifest[match.output[2].range!])
            let rest = manifest[match.range.upperBound...]
            modules.append((name, Self.dependencies(in: Self.arguments(rest))))
        }
        self.modules = modules
    }

    /// The arguments of the declaration that starts `text`: up to its closing parenthesis.
    private static func arguments(_ text: Substring) -> Substring {
        var depth = 1
        for index in text.indices {
            switch text[index] {
            case "(", "[": depth += 1
            case ")", "]":
                depth -= 1
                if depth == 0 { return text[..<index] }
            default: break
            }
        }
        return text
    }

    /// The quoted module names in a declaration's `dependencies:` list (products excluded).
    private static func dependencies(in arguments: Substring) -> [String] {
        guard let start = arguments.range(of: "dependencies:") else { return [] }
        let list = Self.arguments(arguments[start.upperBound...].drop { $0 != "[" }.dropFirst())
        let withoutProducts = list.replacing(try! Regex(#"\.product\([^)]*\)"#), with: "")
        return withoutProducts.matches(of: try! Regex(#""([A-Za-z0-9_]+)""#)).map {
            String(withoutProducts[$0.output[1].range!])
        }
    }

    /// A Mermaid flowchart: one edge per direct dependency, modules without any listed alone.
    var mermaid: String {
        var lines = ["```mermaid", "flowchart TD"]
        for module in modules {
            if module.dependencies.isEmpty {
                lines.append("    \(module.name)")
            }
            for dependency in module.dependencies {
                lines.append("    \(module.name) --> \(dependency)")
            }
        }
        lines.append("```")
        return lines.joined(separator: "\n")
    }
}
