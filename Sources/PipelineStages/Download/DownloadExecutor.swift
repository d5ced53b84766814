import Foundation
import PipelineBasics
import MagicHour
import PipelineEngine
import PipelineLanguage
import PipelineMedia
import PipelineStore

/// `download`: the upstream project's files (a video, images or audio), each streamed to disk
/// (temporary file, size check, atomic rename), URLs refreshed from the project when they expired,
/// then verified by its header (``MediaSignature``). The planned path's extension, which the
/// upstream stage type gives, says which kind of project it is.
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
        let kind = MediaSignature.projectKind(ofPath: relativeOutput)
        let project: Project
        do {
            project = try await client.getProject(id: projectID, kind: kind)
        } catch let error as MagicHourError {
            if case .notFound = error {
                // The upstream job's project is gone: its ledger entry and cache entry say so, so
                // the next plan shows it (with its credits) instead of failing here forever.
                try await context.journal.recordProjectGone(projectID: projectID, error: error.description)
                throw PaidProjectFlow.projectGone(projectID)
            }
            throw PaidProjectFlow.failure(error)
        }
        guard project.enabled else {
            try await context.journal.recordProjectGone(projectID: projectID, error: "the project was deleted")
            throw PaidProjectFlow.projectGone(projectID, deleted: true)
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
                throw PaidProjectFlow.failure(error)
            }
            try MediaSignature.verify(kind.media, at: absolute, name: relative)
            let written = try StoredFile.hashing(absolutePath: absolute, relativePath: relative)
            guard written.bytes == file.size else {
                throw TaskFailure(
                    "\(relative) has \(written.bytes) bytes on disk, \(file.size) were downloaded", retryable: true)
            }
            stored.append(written)
        }
        var outputs: [String: Value] = [
            "path": .string(relativeOutput), "sha256": .string(stored[0].sha256),
            "bytes": .number(Double(stored[0].bytes)),
            "paths": .list(stored.map { .string($0.path) }),
        ]
        // A video's or an audio file's length, read from the file itself: what a downstream
        // stage's `end_seconds` can take.
        if kind != .image, let seconds = await Self.duration(ofFile: context.absolutePath(relativeOutput)) {
            outputs["duration"] = .number(seconds)
        }
        return TaskResult(outputs: outputs, files: stored)
    }

    /// The length in seconds of a media file (libavformat), `nil` when it cannot be read.
    static func duration(ofFile path: String) async -> Double? {
        (try? await Blocking.run { try MediaProbe.info(ofFile: path).durationSeconds }) ?? nil
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
}
