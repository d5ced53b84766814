import Foundation
import PipelineLanguage
import Testing

/// `plan --format json` is written a few tasks at a time: the bytes must be those of the whole
/// value printed at once, for every example pipeline, with any chunk size and extra fields.
@Suite struct PlanJSONStreamingTests {
    @Test(arguments: ExamplePipelineTests.files)
    func streamedJSONIsTheWholeValuesBytes(_ file: String) throws {
        let compilation = PipelineCompiler().compile(file: file, options: PlanOptions(computeCacheKeys: true))
        let plan = try #require(compilation.plan)
        var statuses: [String: String] = [:]
        for (index, task) in plan.tasks.enumerated() where index % 2 == 0 { statuses[task.id] = "to run: new task" }
        let renderer = PlanRenderer(plan: plan, statuses: statuses, creditsToSpend: 42)
        let whole = renderer.json(diagnostics: compilation.diagnostics)
        for chunk in [1, 200, 1 << 16] {
            var pieces: [String] = []
            renderer.writeJSON(diagnostics: compilation.diagnostics, chunkBytes: chunk) { pieces.append($0) }
            #expect(pieces.joined() == whole.prettyJSON, "chunk size \(chunk)")
            #expect(chunk > 1 || pieces.count >= plan.tasks.count, "written task by task")
        }
        guard case .object(var fields) = whole else { throw CocoaError(.coderInvalidValue) }
        fields["balance"] = .number(9000)
        var text = ""
        renderer.writeJSON(diagnostics: compilation.diagnostics, extra: ["balance": .number(9000)]) { text += $0 }
        #expect(text == Value.object(fields).prettyJSON)
    }

    @Test func aPlanWithoutTasksStreamsAnEmptyList() throws {
        let source = SourceFile(
            path: "empty.yaml",
            text: """
                version: 1
                name: empty
                inputs:
                  none: { values: [] }
                stages:
                  thumbs:
                    uses: image.resize
                    for_each: ${{ inputs.none }}
                    with: { image: "${{ item }}", width: 10 }
                """)
        let compilation = PipelineCompiler().compile(
            source: source, baseDirectory: FileManager.default.temporaryDirectory.path,
            options: PlanOptions(computeCacheKeys: true))
        let plan = try #require(compilation.plan, "\(compilation.diagnostics)")
        #expect(plan.tasks.isEmpty)
        let renderer = PlanRenderer(plan: plan)
        var text = ""
        renderer.writeJSON { text += $0 }
        #expect(text == renderer.json().prettyJSON)
        #expect(text.contains("\"tasks\": []"))
    }
}
