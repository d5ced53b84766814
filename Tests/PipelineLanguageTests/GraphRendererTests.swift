import Testing

@testable import PipelineLanguage

/// `pipeline graph`'s drawings of a compiled plan, in Graphviz DOT and Mermaid.
@Suite struct GraphRendererTests {
    static let pipeline = """
        version: 1
        name: drawn
        settings:
          output_dir: out
        inputs:
          photos:
            glob: "*.png"
        stages:
          thumbs:
            uses: image.resize
            for_each: ${{ inputs.photos }}
            with: { image: "${{ item }}", width: 16 }
          final:
            uses: rename
            for_each: ${{ stages.thumbs }}
            with: { to: "${{ item.stem }}.png" }
          solo:
            uses: image.resize
            needs: [thumbs]
            with: { image: a.png, width: 8 }

        """

    static func plan() throws -> Plan {
        let folder = try TemporaryDirectory()
        try folder.write("a.png", "a")
        try folder.write("b.png", "b")
        let compilation = compile(pipeline, directory: folder.path)
        #expect(!compilation.hasErrors, "\(compilation.diagnostics)")
        return try #require(compilation.plan)
    }

    @Test func theStageGraphInDOTLabelsNodesAndEdges() throws {
        let dot = GraphRenderer(plan: try Self.plan()).stages(.dot)
        #expect(
            dot == """
                digraph "drawn" {
                  rankdir=LR;
                  node [shape=box, style=rounded];
                  "thumbs" [label="thumbs\\nimage.resize · 2 tasks"];
                  "final" [label="final\\nrename · 2 tasks"];
                  "solo" [label="solo\\nimage.resize · 1 task"];
                  "thumbs" -> "final" [label="for_each"];
                  "thumbs" -> "solo" [label="needs"];
                }

                """)
    }

    @Test func theStageGraphInMermaidNumbersTheNodes() throws {
        let mermaid = GraphRenderer(plan: try Self.plan()).stages(.mermaid)
        #expect(
            mermaid == """
                flowchart LR
                  n0["thumbs<br/>image.resize · 2 tasks"]
                  n1["final<br/>rename · 2 tasks"]
                  n2["solo<br/>image.resize · 1 task"]
                  n0 -->|for_each| n1
                  n0 -->|needs| n2

                """)
    }

    @Test(arguments: GraphRenderer.Format.allCases)
    func theTaskGraphHasOneNodePerTaskAndOneEdgePerDependency(_ format: GraphRenderer.Format) throws {
        let plan = try Self.plan()
        let text = GraphRenderer(plan: plan).tasks(format)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(plan.tasks.count == 5)
        #expect(plan.edgeCount == 4, "each rename needs its thumb, solo needs both thumbs")
        let arrows = lines.filter { $0.contains("->") || $0.contains("-->") }
        #expect(arrows.count == plan.edgeCount)
        for task in plan.tasks {
            switch format {
            case .dot:
                #expect(lines.contains("  \"\(task.id)\" [label=\"\(task.id)\"];"), "\(task.id)")
                for dependency in task.dependencies {
                    #expect(lines.contains("  \"\(dependency)\" -> \"\(task.id)\";"))
                }
            case .mermaid:
                #expect(lines.contains { $0.hasSuffix("[\"\(task.id)\"]") }, "\(task.id)")
            }
        }
        #expect(text.hasSuffix("\n"))
    }
}
