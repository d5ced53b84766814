import Foundation
import PipelineBasics
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
        guard let projectID = context.string("project"), !projectID.isEmpty,
            let relativeOutput = context.task.outputPath
        else {
            throw TaskFailure("download needs a project id and a planned output path", retryable: false)
        }
        // The folder is made (or checked) before any request: a link out of the output folder
        // fails the task here, with nothing fetched and nothing written.
        _ = try await Self.prepare(relativeOutput, context)
        // Fresh URLs every time: the ones recorded upstream may have expired since.
        context.enter(.downloading, projectID)
        let project: VideoProject
        do {
            project = try await client.getProject(id: projectID)
        } catch let error as MagicHourError {
            if case .notFound = error {
                // The upstream job's project is gone: its ledger entry and cache entry say so, so
                // the next plan shows it (with its credits) instead of failing here forever.
                try await context.journal.recordProjectGone(projectID: projectID, error: error.description)
                throw ImageToVideoExecutor.projectGone(projectID)
            }
            throw ImageToVideoExecutor.failure(error)
        }
        guard project.enabled else {
            try await context.journal.recordProjectGone(projectID: projectID, error: "the project was deleted")
            throw ImageToVideoExecutor.projectGone(projectID, deleted: true)
        }
        // Every output: the first at the planned path, any others beside it as NAME-2.mp4, NAME-3.mp4….
        var stored: [StoredFile] = []
        for index in 0..<max(1, project.downloads.count) {
            let relative = index == 0 ? relativeOutput : Self.numbered(relativeOutput, index + 1)
            // Checked again just before the write, at the physical path (no link left in it).
            let absolute = try await Self.prepare(relative, context)
            let file: DownloadedFile
            do {
                file = try await client.download(project, output: index, to: absolute)
            } catch let error as MagicHourError {
                throw ImageToVideoExecutor.failure(error)
            }
            try Self.verifyMP4(at: absolute, name: relative)
            let written = try StoredFile.hashing(absolutePath: absolute, relativePath: relative)
            guard written.bytes == file.size else {
                throw TaskFailure(
                    "\(relative) has \(written.bytes) bytes on disk, \(file.size) were downloaded", retryable: true)
            }
            stored.append(written)
        }
        return TaskResult(
            outputs: [
                "path": .string(relativeOutput), "sha256": .string(stored[0].sha256),
                "bytes": .number(Double(stored[0].bytes)),
                "paths": .list(stored.map { .string($0.path) }),
            ],
            files: stored)
    }

    /// The physical path to write `relative` at, its folders made inside the output folder only.
    static func prepare(_ relative: String, _ context: TaskContext) async throws -> String {
        let outputDirectory = context.outputDirectory
        let file = context.absolutePath(relative)
        return try await Blocking.run {
            try OutputFolder.prepare(file: file, inside: outputDirectory, shown: relative)
        }
    }

    /// `dir/name.mp4` → `dir/name-2.mp4`.
    static func numbered(_ path: String, _ number: Int) -> String {
        let ext = PathText.extension(path)
        let base = ext.isEmpty ? path : String(path.dropLast(ext.count + 1))
        return base + "-\(number)" + (ext.isEmpty ? "" : "." + ext)
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
