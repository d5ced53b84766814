public import MagicHourRules
import Logging
import PipelineBasics

extension MagicHourClient {
    /// Polls a project until it is complete, failed or canceled.
    ///
    /// With the default policy (``PollPolicy/Shape-swift.enum/expectedCompletion(timeScale:)``)
    /// the first poll goes near the expected completion (the endpoint's typical processing time
    /// from ``ProcessingTimeCatalog``, then the renders this client already saw finish, see
    /// ``renderTimes``), and later polls follow at intervals short relative to the remaining
    /// uncertainty. A project without `submittedAt` (resumed from an earlier run) is polled at once.
    /// With ``PollPolicy/Shape-swift.enum/intervals`` it polls at once, then after
    /// `initialInterval`, growing by `multiplier` up to `maxInterval`.
    ///
    /// Each poll is a GET with the client's retry policy, so a passing 429/5xx does not end the
    /// wait (its `Retry-After` is honoured). Cancel the calling task to stop waiting (throws
    /// `CancellationError`; the project keeps rendering and can be waited for again by id).
    /// - Parameters:
    ///   - id: The project id from ``createImageToVideo(_:)`` or ``create(_:values:name:)``.
    ///   - kind: Where the project is polled: video, image or audio projects.
    ///   - policy: Poll schedule and deadline; the configuration's when `nil`.
    ///   - endpoint: What kind of job the project is (its typical processing time).
    ///   - submittedAt: When its create call was answered; `nil` when not known.
    /// - Returns: The outcome, with the last project seen.
    /// - Throws: ``MagicHourError/waitTimedOut(projectID:lastStatus:)`` after the deadline,
    ///   another ``MagicHourError`` when polling fails, `CancellationError`.
    public func waitForProject(
        id: String, kind: ProjectKind = .video, policy: PollPolicy? = nil,
        endpoint: MagicHourEndpoint = .imageToVideo, submittedAt: ContinuousClock.Instant? = nil
    ) async throws -> ProjectOutcome {
        let policy = policy ?? configuration.polling
        switch policy.shape {
        case .intervals:
            return try await waitAtIntervals(id: id, kind: kind, policy: policy)
        case .expectedCompletion(let timeScale):
            return try await waitNearCompletion(
                id: id, kind: kind, policy: policy, endpoint: endpoint,
                typical: ProcessingTimeCatalog[endpoint] * timeScale, submittedAt: submittedAt)
        }
    }

    /// The outcome when `project` has finished; nil while it is still queued or rendering.
    private static func outcome(of project: Project) -> ProjectOutcome? {
        switch project.status {
        case .complete:
            return .complete(project)
        case .error:
            let failure = project.error ?? ProjectFailure(code: "unknown_error", message: "no error details")
            return .failed(code: failure.code, message: failure.message, project: project)
        case .canceled:
            return .canceled(project)
        default:
            return nil
        }
    }

    private func waitAtIntervals(id: String, kind: ProjectKind, policy: PollPolicy) async throws -> ProjectOutcome {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: policy.timeout)
        var interval = policy.initialInterval
        while true {
            let project = try await getProject(id: id, kind: kind)
            if let outcome = Self.outcome(of: project) { return outcome }
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

    private func waitNearCompletion(
        id: String, kind: ProjectKind, policy: PollPolicy, endpoint: MagicHourEndpoint, typical: Double,
        submittedAt: ContinuousClock.Instant?
    ) async throws -> ProjectOutcome {
        let clock = ContinuousClock()
        let start = submittedAt ?? clock.now
        let deadline = clock.now.advanced(by: policy.timeout)
        let phase = Double.random(in: 0..<1)
        // Elapsed seconds at the last poll that found the project unfinished; nil before the first.
        var lastPoll: Double? = submittedAt == nil ? nil : 0
        // Only a job timed from its create tells the estimate how long it has rendered.
        let job = submittedAt.map { renderTimes.started(endpoint, submittedAt: $0) }
        defer { if let job { renderTimes.finished(job) } }
        while true {
            if let last = lastPoll {
                try await sleepUntilNextPoll(
                    after: last, start: start, deadline: deadline, phase: phase, policy: policy,
                    endpoint: endpoint, typical: typical)
            }
            let sent = start.duration(to: clock.now).seconds
            let project = try await getProject(id: id, kind: kind)
            if let outcome = Self.outcome(of: project) {
                // Only a render timed from its create tells how long renders take.
                if let job {
                    renderTimes.finished(job)
                    if case .complete = outcome { renderTimes.record(endpoint, typical: typical, seconds: sent) }
                }
                return outcome
            }
            guard clock.now < deadline else {
                throw MagicHourError.waitTimedOut(projectID: id, lastStatus: project.status)
            }
            lastPoll = sent
            if let job { renderTimes.polled(job, elapsed: sent) }
            logger.debug("Project still \(project.status)", metadata: ["project": "\(id)"])
        }
    }

    /// Sleeps until the next poll the estimate plans after `last` (elapsed seconds since `start`),
    /// planning again whenever another render finishes meanwhile.
    private func sleepUntilNextPoll(
        after last: Double, start: ContinuousClock.Instant, deadline: ContinuousClock.Instant, phase: Double,
        policy: PollPolicy, endpoint: MagicHourEndpoint, typical: Double
    ) async throws {
        let clock = ContinuousClock()
        let earliest = start.advanced(by: .seconds(last) + policy.minInterval)
        let latest = start.advanced(by: .seconds(last) + policy.maxInterval)
        while true {
            let (estimate, generation) = renderTimes.estimate(endpoint, typical: typical)
            let planned = start.advanced(by: .seconds(estimate.nextPoll(after: last, phase: phase)))
            let target = min(max(planned, earliest), latest, deadline)
            guard clock.now < target else { return }
            guard try await renderTimes.sleep(until: target, unlessChangedSince: generation) else { return }
        }
    }
}
