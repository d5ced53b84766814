/// An image a resize task wrote, shown as a thumbnail.
public struct ImageOutput: Sendable, Equatable {
    /// The task that wrote it.
    public var taskID: String
    /// The task's stage.
    public var stage: String
    /// The file.
    public var file: MediaFile

    /// Creates an image output.
    public init(taskID: String, stage: String, file: MediaFile) {
        self.taskID = taskID
        self.stage = stage
        self.file = file
    }
}
