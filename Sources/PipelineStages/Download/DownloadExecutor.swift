import Foundation
import MagicHour
import PipelineEngine
import PipelineLanguage
import PipelineStore

/// `download`: the upstream project's video, streamed to disk (temporary file, size check,
/// atomic rename), URLs refreshed from the project when they expired, then verified as MP4.
public struct DownloadExecutor: StageExecutor {
    let client: MagicHourClient

    public init(client: MagicHourClient) {
        self.client = client
    }

    public func execute(_ context: TaskContext) async throws -> TaskResult {
        guard let projectID = context.string("project"), !projectID.isEmpty, let relativeOutput = context.task.outputPath else {
            throw TaskFailure("download needs a project id and a planned output path", retryable: false)
        }
        let output = context.absolutePath(relativeOutput)
        do {
            try FileManager.default.createDirectory(
                atPath: PathText.dirname(output), withIntermediateDirectories: true)
        } catch {
            throw TaskFailure("cannot create \(PathText.dirname(relativeOutput)): \(error.localizedDescription)", retryable: false)
        }
        // Fresh URLs every time: the ones recorded upstream may have expired since.
        context.progress("downloading \(projectID)")
        let file: DownloadedFile
        do {
            let project = try await client.getProject(id: projectID)
            file = try await client.download(project, to: output)
        } catch let error as MagicHourError {
            throw ImageToVideoExecutor.failure(error)
        }
        try Self.verifyMP4(at: output, name: relativeOutput)
        let stored = try StoredFile.hashing(absolutePath: output, relativePath: relativeOutput)
        guard stored.bytes == file.size else {
            throw TaskFailure("\(relativeOutput) has \(stored.bytes) bytes on disk, \(file.size) were downloaded", retryable: true)
        }
        return TaskResult(
            outputs: ["path": .string(relativeOutput), "sha256": .string(stored.sha256), "bytes": .number(Double(stored.bytes))],
            files: [stored])
    }

    /// An MP4 (ISO base media file) starts with a box whose type, at byte 4, is `ftyp`.
    static func verifyMP4(at path: String, name: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw TaskFailure("\(name) was not written", retryable: true)
        }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 12)) ?? Data()
        guard head.count >= 8, head[4..<8].elementsEqual("ftyp".utf8) else {
            try? FileManager.default.removeItem(atPath: path)
            throw TaskFailure("\(name) is not an MP4 file (no 'ftyp' box); removed", retryable: true)
        }
    }
}
