/// A named phase of a task's work, recorded with its start time for the run's timeline.
public enum TaskPhase: String, Sendable, CaseIterable {
    /// Sending a local file to the remote API.
    case uploading
    /// Waiting for the remote API to render (queued or rendering there).
    case rendering
    /// Fetching outputs from the remote API.
    case downloading
    /// Resizing an image locally.
    case resizing
    /// Renaming or copying files locally.
    case renaming
}
