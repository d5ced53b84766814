import NIOConcurrencyHelpers
import PipelineBasics
import PipelineEngine

/// The uploads of one run, by file content: a file whose bytes were uploaded already (under any
/// name) is neither checked nor uploaded again, and two tasks uploading the same content at once
/// share one check and one upload. A failed check or upload is forgotten, so that the next task
/// tries again.
public final class UploadMemo: Sendable {
    private let uploads = NIOLockedValueBox<[String: Task<String, any Error>]>([:])

    public init() {}

    /// The `file_path` of the file at `path`: the one an earlier upload of the same content gave,
    /// or what `upload` gives now, after `check` passed (the check that the file is what the
    /// endpoint takes, once per content too).
    /// - Throws: a ``TaskFailure`` (not retryable) when the file cannot be read.
    func filePath(
        for path: String, named name: String, check: (@Sendable () async throws -> Void)? = nil,
        upload: @escaping @Sendable () async throws -> String
    ) async throws -> String {
        let digest: String
        do {
            digest = try await Blocking.run { try FileSHA256.hex(ofFileAt: path) }
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            let reason = (error as? FileReadFailure)?.reason.lowercased() ?? "\(error)"
            throw TaskFailure(
                "\(name) cannot be read (\(reason)), so it was not uploaded and nothing was paid", retryable: false)
        }
        let task = uploads.withLockedValue { uploads in
            if let running = uploads[digest] { return running }
            let started = Task {
                try await check?()
                return try await upload()
            }
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
