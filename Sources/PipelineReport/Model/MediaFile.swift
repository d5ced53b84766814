import Foundation

/// A file a task wrote, as its cache entry records it, and whether it is still there.
public struct MediaFile: Sendable, Equatable {
    /// What is on disk now, compared with what the cache entry recorded.
    public enum State: Sendable, Equatable {
        /// The file exists with the recorded size.
        case present
        /// The file exists but its size differs from the recorded one: it changed since the run.
        case changed(bytes: Int64)
        /// The file is gone (deleted or moved since the run).
        case missing
    }

    /// The path as stored (relative to the pipeline file's folder, or absolute).
    public var path: String
    /// The path resolved against the pipeline file's folder.
    public var absolutePath: String
    /// Lower-case hex SHA-256 of the content the task wrote.
    public var sha256: String
    /// The size the task wrote.
    public var recordedBytes: Int64
    /// What is on disk now.
    public var state: State

    /// Creates a media file entry.
    public init(path: String, absolutePath: String, sha256: String, recordedBytes: Int64, state: State) {
        self.path = path
        self.absolutePath = absolutePath
        self.sha256 = sha256
        self.recordedBytes = recordedBytes
        self.state = state
    }

    /// True unless the file is missing.
    public var exists: Bool { state != .missing }

    /// The size on disk now (the recorded size when unchanged), or nil when missing.
    public var currentBytes: Int64? {
        switch state {
        case .present: recordedBytes
        case .changed(let bytes): bytes
        case .missing: nil
        }
    }
}
