import Foundation
import PipelineEngine
import PipelineLanguage
import PipelineStages
import Testing

@Suite struct RenameExecutorTests {
    func rename(
        _ workspace: StageWorkspace, to target: String, onExists: String = "error", mode: String = "copy"
    ) async throws -> TaskResult {
        try await RenameExecutor().execute(
            workspace.context(
                type: "rename",
                parameters: [
                    "from": "work/clip.mp4", "to": .string(target), "on_exists": .string(onExists),
                    "mode": .string(mode),
                ],
                outputPath: "out/" + target))
    }

    @Test func copiesToTheFinalNameAndKeepsTheSource() async throws {
        let workspace = try StageWorkspace()
        try workspace.write("work/clip.mp4", Data("video".utf8))
        let result = try await rename(workspace, to: "720p/clip.mp4")
        #expect(result.outputs["path"] == "out/720p/clip.mp4")
        #expect(try String(contentsOfFile: workspace.path + "/out/720p/clip.mp4", encoding: .utf8) == "video")
        #expect(FileManager.default.fileExists(atPath: workspace.path + "/work/clip.mp4"))
        #expect(result.files.first?.bytes == 5)
    }

    @Test func moveRemovesTheSource() async throws {
        let workspace = try StageWorkspace()
        try workspace.write("work/clip.mp4", Data("video".utf8))
        _ = try await rename(workspace, to: "clip.mp4", mode: "move")
        #expect(!FileManager.default.fileExists(atPath: workspace.path + "/work/clip.mp4"))
        #expect(FileManager.default.fileExists(atPath: workspace.path + "/out/clip.mp4"))
    }

    @Test func onExistsModes() async throws {
        let workspace = try StageWorkspace()
        try workspace.write("work/clip.mp4", Data("new".utf8))
        try workspace.write("out/clip.mp4", Data("old".utf8))
        await #expect(throws: TaskFailure.self) { try await rename(workspace, to: "clip.mp4") }
        let skipped = try await rename(workspace, to: "clip.mp4", onExists: "skip")
        #expect(skipped.outputs["path"] == "out/clip.mp4")
        #expect(try String(contentsOfFile: workspace.path + "/out/clip.mp4", encoding: .utf8) == "old")
        let versioned = try await rename(workspace, to: "clip.mp4", onExists: "version")
        #expect(versioned.outputs["path"] == "out/clip-1.mp4")
        let again = try await rename(workspace, to: "clip.mp4", onExists: "version")
        #expect(again.outputs["path"] == "out/clip-2.mp4")
        _ = try await rename(workspace, to: "clip.mp4", onExists: "overwrite")
        #expect(try String(contentsOfFile: workspace.path + "/out/clip.mp4", encoding: .utf8) == "new")
    }

    @Test func refusesASymlinkThatLeadsOutOfTheOutputFolder() async throws {
        let workspace = try StageWorkspace()
        let outside = try StageWorkspace()
        try workspace.write("work/clip.mp4", Data("video".utf8))
        try FileManager.default.createDirectory(atPath: workspace.path + "/out", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: workspace.path + "/out/escape", withDestinationPath: outside.path)
        do {
            _ = try await rename(workspace, to: "escape/clip.mp4")
            Issue.record("the rename followed a symlink out of the output folder")
        } catch let failure as TaskFailure {
            #expect(failure.message.contains("leads outside the output folder"))
            #expect(!failure.isRetryable)
        }
        #expect(!FileManager.default.fileExists(atPath: outside.path + "/clip.mp4"))
    }

    @Test func refusesToWriteThroughASymlinkedFile() async throws {
        let workspace = try StageWorkspace()
        let outside = try StageWorkspace()
        try workspace.write("work/clip.mp4", Data("video".utf8))
        try outside.write("victim.txt", Data("keep".utf8))
        try FileManager.default.createDirectory(atPath: workspace.path + "/out", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: workspace.path + "/out/clip.mp4", withDestinationPath: outside.path + "/victim.txt")
        await #expect(throws: TaskFailure.self) { try await rename(workspace, to: "clip.mp4", onExists: "overwrite") }
        #expect(try String(contentsOfFile: outside.path + "/victim.txt", encoding: .utf8) == "keep")
    }

    @Test func missingSourceIsAClearFailure() async throws {
        let workspace = try StageWorkspace()
        do {
            _ = try await rename(workspace, to: "clip.mp4")
            Issue.record("expected a failure")
        } catch let failure as TaskFailure {
            #expect(failure.message == "work/clip.mp4 does not exist")
        }
    }
}
