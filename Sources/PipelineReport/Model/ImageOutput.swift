/// An image a resize task wrote, shown as a thumbnail.
package struct ImageOutput: Sendable, Equatable {
    /// The task that wrote it.
    package var taskID: String
    /// The task's stage.
    package var stage: String
    /// The file.
    package var file: MediaFile

    /// Creates an image output.
    package init(taskID: String, stage: String, file: MediaFile) {
        self.taskID = taskID
        self.stage = stage
        self.file = file
    }
}
