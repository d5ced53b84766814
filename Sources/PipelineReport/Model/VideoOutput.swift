/// One video content (by SHA-256) written by download and rename tasks, with every path holding it
/// (a rename usually hard-links the downloaded file: one video, two paths).
package struct VideoOutput: Sendable, Equatable {
    /// Lower-case hex SHA-256 of the video.
    package var sha256: String
    /// The paths holding it, the one to show first.
    package var files: [MediaFile]
    /// The tasks that wrote it.
    package var taskIDs: [String]

    /// Creates a video output.
    package init(sha256: String, files: [MediaFile], taskIDs: [String]) {
        self.sha256 = sha256
        self.files = files
        self.taskIDs = taskIDs
    }

    /// The file to play: the first one still on disk, else the first one.
    package var primary: MediaFile { files.first { $0.exists } ?? files[0] }
}
