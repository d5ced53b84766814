import Foundation

/// A file a task wrote, as its cache entry records it, and whether it is still there.
package struct MediaFile: Sendable, Equatable {
    /// What is on disk now, compared with what the cache entry recorded.
    package enum State: Sendable, Equatable {
        /// The file exists with the recorded size.
        case present
        /// The file exists but its size differs from the recorded one: it changed since the run.
        case changed(bytes: Int64)
        /// The file is gone (deleted or moved since the run).
        case missing
    }

    /// The path as stored (relative to the pipeline file's folder, or absolute).
    package var path: String
    /// The path resolved against the pipeline file's folder.
    package var absolutePath: String
    /// Lower-case hex SHA-256 of the content the task wrote.
    package var sha256: String
    /// The size the task wrote.
    package var recordedBytes: Int64
    /// What is on disk now.
    package var state: State

    /// Creates a media file entry.
    package init(path: String, absolutePath: String, sha256: String, recordedBytes: Int64, state: State) {
        self.path = path
        self.absolutePath = absolutePath
        self.sha256 = sha256
        self.recordedBytes = recordedBytes
        self.state = state
    }

    /// True unless the file is missing.
    package var exists: Bool { state != .missing }

    /// The size on disk now (the recorded size when unchanged), or nil when missing.
    package var currentBytes: Int64? {
        switch state {
        case .present: recordedBytes
        case .changed(let bytes): bytes
        case .missing: nil
        }
    }
}
