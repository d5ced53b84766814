import Foundation
import PipelineLanguage

/// Paths of the repository and the test fixtures.
enum TestPaths {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        .path
    static let pipelines = repository + "/pipelines"
}

/// Compiles YAML text as if it were a file in `directory`, with a fixed environment.
func compile(
    _ text: String, file: String = "test.yaml", directory: String = TestPaths.fixtures + "/invalid",
    keys: Bool = false, environment: [String: String] = ["PIPELINE_TEST": "yes"]
) -> Compilation {
    PipelineCompiler().compile(
        source: SourceFile(path: file, text: text), baseDirectory: directory,
        options: PlanOptions(
            computeCacheKeys: keys, environment: environment, runID: "test-run",
            runDate: Date(timeIntervalSince1970: 1_790_000_000)))
}

/// A scratch folder removed when the test ends.
final class TemporaryDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("pipeline-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func write(_ relative: String, _ contents: String) throws {
        let url = URL(fileURLWithPath: path).appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: url)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}
