import NIOConcurrencyHelpers
import PipelineBasics

/// The uploads of one run, by file content: a file whose bytes were uploaded already (under any
/// name) is not uploaded again, and two tasks uploading the same content at once share one upload.
/// A failed upload is forgotten, so that the next task tries again.
public final class UploadMemo: Sendable {
    private let uploads = NIOLockedValueBox<[String: Task<String, any Error>]>([:])

    public init() {}

    /// The `file_path` of the file at `path`: the one an earlier upload of the same content gave,
    /// or what `upload` gives now.
    func filePath(
        for path: String, upload: @escaping @Sendable () async throws -> String
    ) async throws -> String {
        let digest = try await Blocking.run { try FileSHA256.hex(ofFileAt: path) }
        let task = uploads.withLockedValue { uploads in
            if let running = uploads[digest] { return running }
            let started = Task { try await upload() }
            uploads[digest] = started
            return started
        }
        do {
            return try await task.value
        } catch {
            uploads.withLockedValue { uploads in
                if uploads[digest] == task { uploads[digest] = nil }
            }
            throw error
        }
    }
}
