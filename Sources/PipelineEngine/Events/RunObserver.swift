/// Receives a run's events, in order, from one task at a time.
public protocol RunObserver: Sendable {
    func observe(_ event: RunEvent)
}
