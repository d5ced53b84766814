import Foundation
import MagicHourRules

/// What the planner needs from outside the file: environment, run identity, file digests.
public struct PlanOptions: Sendable {
    /// Compute cache keys (hashing input files). `validate` skips this; `plan` and `run` need it.
    public var computeCacheKeys: Bool
    /// Values of `env.*`.
    public var environment: [String: String]
    /// `run.id`; `plan` shows a placeholder.
    public var runID: String
    /// `run.date` and `run.time` are taken from this instant, in UTC.
    public var runDate: Date
    /// Hex SHA-256 of a file's content by absolute path. The engine supplies one backed by its
    /// fingerprint cache so unchanged files are not hashed again.
    public var digest: @Sendable (String) throws -> String
    /// The account's tier (from `GET /v1/account` or `--tier`); overrides `settings.tier`.
    public var tier: AccountTier?

    public init(
        computeCacheKeys: Bool = true, environment: [String: String] = ProcessInfo.processInfo.environment,
        runID: String = "<run>", runDate: Date = Date(),
        digest: @escaping @Sendable (String) throws -> String = { try FileDigester().sha256(ofFileAt: $0) },
        tier: AccountTier? = nil
    ) {
        self.tier = tier
        self.computeCacheKeys = computeCacheKeys
        self.environment = environment
        self.runID = runID
        self.runDate = runDate
        self.digest = digest
    }
}
