import Foundation
import Testing

/// The README's module graph is the one `Package.swift` declares.
@Suite struct ModuleGraphTests {
    static let begin = "<!-- module-graph: generated from Package.swift by ModuleGraphTests -->"
    static let end = "<!-- /module-graph -->"

    @Test func theReadmeDrawsThePackagesModuleGraph() throws {
        let graph = ModuleGraph(manifest: try RepositoryFiles.text("Package.swift"))
        let readme = try RepositoryFiles.text("README.md")
        let drawn = try #require(Self.block(in: readme), "README.md has no \(Self.begin) … \(Self.end) block")
        #expect(
            drawn == graph.mermaid,
            "the README's module graph is out of date; put this between the markers:\n\(graph.mermaid)")
    }

    @Test func readsNamesAndPackageDependenciesButNotProducts() {
        let manifest = """
            targets: [
                .target(name: "Leaf"),
                .systemLibrary(name: "CLib", path: "Sources/CLib", providers: [.apt(["lib-dev"])]),
                .target(
                    name: "Middle",
                    dependencies: ["Leaf", .product(name: "Crypto", package: "swift-crypto"), "CLib"]
                ),
                .executableTarget(name: "Tool", dependencies: ["Middle"]),
                .testTarget(name: "MiddleTests", dependencies: ["Middle"]),
            ]
            """
        let graph = ModuleGraph(manifest: manifest)
        #expect(graph.modules.map(\.name) == ["Leaf", "CLib", "Middle", "Tool"])
        #expect(graph.modules.map(\.dependencies) == [[], [], ["Leaf", "CLib"], ["Middle"]])
        #expect(
            graph.mermaid == """
                ```mermaid
                flowchart TD
                    Leaf
                    CLib
                    Middle --> Leaf
                    Middle --> CLib
                    Tool --> Middle
                ```
                """)
    }

    /// The text between the markers, without the newlines next to them.
    static func block(in readme: String) -> String? {
        guard let start = readme.range(of: begin),
            let stop = readme.range(of: end, range: start.upperBound..<readme.endIndex)
        else { return nil }
        return readme[start.upperBound..<stop.lowerBound].trimmingCharacters(in: .newlines)
    }
}
