import Foundation
import MagicHour
import MagicHourRules
import PipelineBasics
import PipelineEngine
import PipelineLanguage
import PipelineStore

/// How every paid Magic Hour job is paid for exactly once, whatever its endpoint: the journal is
/// consulted first (a job already submitted for this cache key is resumed, never created again);
/// otherwise the stage's inputs are uploaded, the key claimed, the credits reserved, the intent
/// recorded, the project created and its id recorded durably before any waiting; then the
/// project is polled at its kind's route and the journal settled from its final state.
///
/// The window in which a job can become *uncertain* is the create call itself: between
/// `recordIntent` and `recordSubmitted`. If the process dies there, or the call fails in a way
/// that does not prove the API created nothing (a connection cut after the request was sent, an
/// answer that cannot be read), the intent stays without a project id, and later runs report the
/// task as uncertain instead of paying again silently.
struct PaidProjectFlow: Sendable {
    /// Uploads the task's inputs and returns the create call to make once the key is claimed.
    typealias Prepare = @Sendable (TaskContext) async throws -> @Sendable () async throws -> CreatedProject

    let client: MagicHourClient
    let kind: ProjectKind
    /// The processing-time entry the polls start from.
    let timing: MagicHourEndpoint
    /// What the budget guard holds for an unpriced task.
    let ceiling: @Sendable (TaskContext) -> Int?
    let prepare: Prepare
    let outputs: @Sendable (Project) -> [String: Value]

    func execute(_ context: TaskContext) async throws -> TaskResult {
        let journal = context.journal
        var creditsSpent = 0
        var hold = CreditHold.none
        let projectID: String
        // When the create was answered: the start of the render's clock (unknown for a resumed job).
        var submittedAt: ContinuousClock.Instant?
        // A job already paid for is resumed (`--force` replaces only those recorded before this
        // run started), never created a second time.
        if let job = try await journal.resumableProject(), let existing = job.projectID {
            context.progress("resuming project \(existing)")
            projectID = existing
        } else {
            switch try await create(context) {
            case .created(let id, let credits, let reserved):
                projectID = id
                creditsSpent = credits
                hold = reserved
                submittedAt = .now
            case .resumed(let id):
                projectID = id
            }
        }
        context.enter(.rendering, projectID)
        let outcome: ProjectOutcome
        do {
            outcome = try await client.waitForProject(
                id: projectID, kind: kind, endpoint: timing, submittedAt: submittedAt)
        } catch let error as MagicHourError {
            if case .notFound = error {
                try await journal.recordProjectGone(projectID: projectID, error: error.description)
                throw Self.projectGone(projectID)
            }
            throw Self.failure(error)
        }
        switch outcome {
        case .complete(let project):
            // A project deleted in the dashboard stays known (`enabled: false`) without its output.
            guard project.enabled else {
                try await journal.recordProjectGone(projectID: projectID, error: "the project was deleted")
                throw Self.projectGone(projectID, deleted: true)
            }
            try await journal.finish(
                .complete, status: project.status.description, finalCredits: project.creditsCharged)
            try await journal.correctCredits(hold, charged: project.creditsCharged)
            return TaskResult(outputs: outputs(project), creditsSpent: creditsSpent)
        case .failed(let code, let message, let project):
            try await journal.finish(
                .failed, status: project.status.description, error: "\(code): \(message)", finalCredits: 0)
            try await journal.correctCredits(hold, charged: 0)
            throw TaskFailure(
                "Magic Hour could not render \(projectID): \(code): \(message) (credits refunded)", retryable: true)
        case .canceled(let project):
            try await journal.update(.canceled, status: project.status.description)
            try await journal.correctCredits(hold, charged: 0)
            throw TaskFailure(
                "project \(projectID) was canceled in Magic Hour; rerun to create it again", retryable: false)
        }
    }

    /// How the create step ended: a project this task created, or one another run created for
    /// the same key while this task waited on its claim.
    private enum Creation {
        case created(projectID: String, credits: Int, hold: CreditHold)
        case resumed(projectID: String)
    }

    /// Uploads the inputs, claims the key and creates the project, journaling around the paid call.
    private func create(_ context: TaskContext) async throws -> Creation {
        let submit: @Sendable () async throws -> CreatedProject
        do {
            submit = try await prepare(context)
        } catch let error as MagicHourError {
            throw Self.failure(error)
        }
        // The claim is atomic in the store: of two runs (of any pipelines) with this task, one
        // creates the project and the other waits for its id, then resumes it.
        let claim = try await context.journal.claim { job in
            context.progress(
                "waiting: run \(job.runID)\(job.owner.map { " (\($0))" } ?? "") is creating this paid job")
        }
        switch claim {
        case .claimed:
            break
        case .existing(let job):
            guard let id = job.projectID else { throw Self.uncertain(job) }
            context.progress("resuming project \(id), created by run \(job.runID)")
            return .resumed(projectID: id)
        case .heldByOtherRun(let job), .uncertain(let job):
            throw Self.uncertain(job)
        }
        // Claimed: the create step runs until an answer is recorded, or it fails.
        defer { context.journal.endCreate() }
        let hold = try await reserveCredits(context)
        let created: CreatedProject
        do {
            created = try await submit()
        } catch let error as MagicHourError {
            if Self.provesNothingWasCreated(error) {
                await context.journal.releaseCredits(hold)
                try await context.journal.update(.failed, status: nil, error: error.description)
                throw Self.failure(error)
            }
            await context.journal.abandonCredits(hold)
            // The intent stays without a project id: this task is now uncertain.
            throw TaskFailure(
                "the create call failed in a way that does not prove no project was made (\(error)); "
                    + "the task is uncertain and will not be paid for again without \(Remedy.resubmitUncertain.phrase)",
                retryable: false, uncertain: true)
        } catch {
            // Not an answer (the task was cancelled mid-call): the reservation keeps counting.
            await context.journal.abandonCredits(hold)
            throw error
        }
        do {
            try await context.journal.recordSubmitted(projectID: created.id, credits: created.creditsCharged)
        } catch {
            await context.journal.abandonCredits(hold)
            throw TaskFailure(
                "project \(created.id) was created (\(created.creditsCharged) credits) but the state store could not record it: \(error); "
                    + "the task is uncertain: it will not be paid for again without \(Remedy.resubmitUncertain.phrase)",
                retryable: false, stopsRun: true, uncertain: true)
        }
        try await context.journal.settleCredits(hold, charged: created.creditsCharged)
        return .created(projectID: created.id, credits: created.creditsCharged, hold: hold)
    }

    /// Reserves the job's credits against every budget (the unpriced ceiling when no price is
    /// published). A refusal marks the claimed job failed (nothing was created, so the next run
    /// may claim it again) and fails the task without a create.
    private func reserveCredits(_ context: TaskContext) async throws -> CreditHold {
        let ceiling = context.task.isUnpriced ? self.ceiling(context) : nil
        do {
            return try await context.journal.reserveCredits(ceiling: ceiling)
        } catch let failure as TaskFailure {
            try await context.journal.update(.failed, status: nil, error: failure.message)
            throw failure
        } catch {
            try await context.journal.update(.failed, status: nil, error: "\(error)")
            throw error
        }
    }

    /// An intent without an answer: never resubmitted silently.
    static func uncertain(_ job: PaidJob) -> TaskFailure {
        TaskFailure(
            "uncertain: a create call for this task (run \(job.runID), intent at \(job.intentAt)) has no recorded answer "
                + "and its process is gone; check the Magic Hour dashboard, then rerun with \(Remedy.resubmitUncertain.phrase)",
            retryable: false, uncertain: true)
    }

    /// The API no longer knows a recorded project (or it was deleted): nothing is bought again in
    /// this run.
    static func projectGone(_ projectID: String, deleted: Bool = false) -> TaskFailure {
        TaskFailure(
            "project \(projectID) was paid for but Magic Hour no longer knows it (\(deleted ? "deleted, its video is gone" : "404")); nothing was bought again. "
                + "`pipeline plan` shows the task as \"to run: recorded project gone\" with its credits; the next run buys it again",
            retryable: false)
    }

    /// Whether an error of the create call proves the API created (and charged) nothing.
    static func provesNothingWasCreated(_ error: MagicHourError) -> Bool {
        switch error {
        case .invalidRequest, .unauthorized, .insufficientCredits, .notOnPlan, .notFound, .rateLimited, .serverError,
            .unsupportedFileType, .fileSystem:
            return true
        case .transport(let failure):
            return !failure.requestMayHaveReachedServer
        default:
            return false
        }
    }

    static func failure(_ error: MagicHourError) -> TaskFailure {
        switch error {
        case .unauthorized:
            TaskFailure(
                "Magic Hour rejected the API key (\(error)); set MAGIC_HOUR_API_KEY", retryable: false, stopsRun: true)
        case .insufficientCredits:
            TaskFailure("not enough Magic Hour credits (\(error))", retryable: false, stopsRun: true)
        case .invalidRequest, .notOnPlan, .unsupportedFileType, .fileSystem:
            TaskFailure(error.description, retryable: false)
        default:
            TaskFailure(error.description, retryable: true)
        }
    }

    /// The outputs every project has: id, kind, status, credits and download URLs.
    static func commonOutputs(_ project: Project) -> [String: Value] {
        // ISO8601FormatStyle writes what ISO8601DateFormatter's defaults do (2026-11-25T06:15:00Z),
        // without building a formatter per task (that cost 4 % of the CPU of a 500 tasks/s run).
        [
            "project_id": .string(project.id), "status": .string(project.status.description),
            "credits_charged": .number(Double(project.creditsCharged)),
            "downloads": .list(
                project.downloads.map { download in
                    .object([
                        "url": .string(download.url), "expires_at": .string(download.expiresAt.formatted(.iso8601)),
                    ])
                }),
        ]
    }
}
