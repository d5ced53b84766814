import Foundation
import MagicHourRules
import PipelineLanguage

/// What `pipeline run` was asked to do.
public struct RunOptions: Sendable {
    /// Overrides `settings.max_parallel`.
    public var maxParallel: Int?
    /// Stop starting tasks at the first failure.
    public var failFast: Bool
    /// `--force`, `--force-stage`, `--resubmit-uncertain`.
    public var status: TaskStatusResolver.Options
    /// Overrides `settings.state` (absolute, or relative to the current folder).
    public var statePath: String?
    /// Values of `env.*`.
    public var environment: [String: String]
    /// Overrides how long `overlap: wait` waits (seconds).
    public var lockWaitTimeout: Double?
    /// Scales retry backoff (tests use small values).
    public var backoffScale: Double
    /// `--worker`: join the pipeline's shared run with other workers instead of running alone.
    public var worker: WorkerOptions?
    /// `--allow-unpriced`: run paid tasks whose model publishes no price (their cost is unknown).
    public var allowUnpriced: Bool = false
    /// The Magic Hour account's tier (`--tier`, or the account's): what `default` means to the
    /// planner; overrides `settings.tier`.
    public var tier: AccountTier?
    /// Reads the account (`GET /v1/account`: its balance, and who it is for account-wide limits)
    /// before the first paid create; nil skips the balance check (no paid stage, or no API).
    public var readAccount: (@Sendable () async throws -> RunAccount)?

    /// The backoff scale `PIPELINE_BACKOFF_SCALE` asks for (a test hook that only shortens
    /// backoffs, so from 0 to 1: a larger scale could overflow the sleep); nil when unset.
    public static func backoffScale(in environment: [String: String]) -> Double? {
        guard let scale = environment["PIPELINE_BACKOFF_SCALE"].flatMap(Double.init), (0...1).contains(scale) else {
            return nil
        }
        return scale
    }

    public init(
        maxParallel: Int? = nil, failFast: Bool = false, status: TaskStatusResolver.Options = .init(),
        statePath: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
        lockWaitTimeout: Double? = nil, backoffScale: Double = 1
    ) {
        self.maxParallel = maxParallel
        self.failFast = failFast
        self.status = status
        self.statePath = statePath
        self.environment = environment
        self.lockWaitTimeout = lockWaitTimeout
        self.backoffScale = backoffScale
    }
}
