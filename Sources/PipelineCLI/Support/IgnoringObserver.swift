import PipelineEngine

/// An observer for commands that compile or plan but run nothing, so no event ever comes.
struct IgnoringObserver: RunObserver {
    func observe(_ event: RunEvent) {}
}
