import Logging

extension MagicHourClient {
    /// Polls a project until it is complete, failed or canceled.
    ///
    /// Polls at once, then after `initialInterval`, growing by `multiplier` up to `maxInterval`.
    /// Each poll is a GET with the client's retry policy, so a passing 429/5xx does not end the wait.
    /// Cancel the calling task to stop waiting (throws `CancellationError`; the project keeps
    /// rendering and can be waited for again by id).
    /// - Parameters:
    ///   - id: The project id from ``createImageToVideo(_:)``.
    ///   - policy: Poll intervals and deadline; the configuration's when `nil`.
    /// - Returns: The outcome, with the last project seen.
    /// - Throws: ``MagicHourError/waitTimedOut(projectID:lastStatus:)`` after the deadline,
    ///   another ``MagicHourError`` when polling fails, `CancellationError`.
    public func waitForProject(id: String, policy: PollPolicy? = nil) async throws -> ProjectOutcome {
        let policy = policy ?? configuration.polling
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: policy.timeout)
        var interval = policy.initialInterval
        while true {
            let project = try await getProject(id: id)
            switch project.status {
            case .complete:
                return .complete(project)
            case .error:
                let failure = project.error ?? ProjectFailure(code: "unknown_error", message: "no error details")
                return .failed(code: failure.code, message: failure.message, project: project)
            case .canceled:
                return .canceled(project)
            default:
                break
            }
            let now = clock.now
            guard now < deadline else {
                throw MagicHourError.waitTimedOut(projectID: id, lastStatus: project.status)
            }
            let pause = min(interval, now.duration(to: deadline))
            logger.debug("Project still \(project.status)", metadata: ["project": "\(id)", "next_poll": "\(pause)"])
            try await Task.sleep(for: pause)
            interval = policy.next(after: interval)
        }
    }
}
