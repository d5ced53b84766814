import Foundation
import PipelineEngine
import PipelineLanguage
import PipelineStore

/// A scratch pipeline folder with a real state store, and contexts for single tasks in it.
final class StageWorkspace {
    let path: String
    let store: SQLiteStateStore

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("stages-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        store = try SQLiteStateStore(path: path + "/.pipeline/state.db")
    }

    deinit {
        try? store.close()
        try? FileManager.default.removeItem(atPath: path)
    }

    func write(_ relative: String, _ data: Data) throws {
        let url = URL(fileURLWithPath: path + "/" + relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func context(
        stage: String = "named", type: String, parameters: [String: Value], outputPath: String?,
        outputDirectory: String = "out"
    ) -> TaskContext {
        let task = PlannedTask(
            id: "\(stage)[x]", stage: stage, typeName: type, item: nil, matrix: [:], parameters: parameters,
            dependencies: [], cacheKey: String(repeating: "a", count: 64), credits: 0, outputPath: outputPath,
            produced: .null)
        return TaskContext(
            task: task, parameters: parameters, baseDirectory: path,
            settings: Settings(outputDirectory: outputDirectory),
            pipelineName: "test", runID: "run", attempt: 1,
            journal: PaidWorkJournal(
                key: task.cacheKey, taskID: task.id, runID: "run", store: store),
            progress: { _ in })
    }
}
