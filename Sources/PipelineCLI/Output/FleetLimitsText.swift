import Foundation
import MagicHour
import PipelineEngine
import PipelineLanguage
import PipelineStages
import PipelineStore

/// `pipeline plan`'s lines about the limits held in the state store (`settings.budget`,
/// `settings.max_parallel_creates`) and what is left of them today and this month (UTC).
enum FleetLimitsText {
    /// The lines, or "" when the pipeline sets no fleet limit. Account limits need the account:
    /// with `MAGIC_HOUR_API_KEY` set it is read (`GET /v1/account`), otherwise they are listed
    /// without their usage.
    static func text(
        settings: Settings, pipeline: String, store: (any StateStore)?, environment: [String: String]
    ) async -> String {
        let fleet = settings.fleet
        guard !fleet.isEmpty else { return "" }
        let accountID = await accountIdentity(fleet: fleet, environment: environment)
        let limits = RunCreditLimits.fleet(fleet, pipeline: pipeline, accountID: accountID)
        let usage = (try? await store?.creditUsage(limits: limits, at: Date())) ?? []
        var lines = ["fleet limits (UTC days and months, shared by every run using this state store):"]
        for (index, limit) in limits.enumerated() {
            let window = limit.period == .utcDay ? "today" : "this month"
            let used = index < usage.count ? usage[index] : CreditUsage(limit: limit, spent: 0, reserved: 0)
            lines.append(
                "  \(limit.name): \(limit.credits) credits; \(window): \(used.spent) spent, \(used.reserved) reserved, \(used.remaining) left"
            )
        }
        if accountID == nil {
            for (name, value) in [
                ("settings.budget.account.daily", fleet.accountDaily),
                ("settings.budget.account.monthly", fleet.accountMonthly),
            ] {
                guard let value else { continue }
                lines.append("  \(name): \(value) credits (set MAGIC_HOUR_API_KEY to see the account's usage)")
            }
        }
        if let creates = fleet.maxParallelCreates {
            lines.append("  settings.max_parallel_creates: \(creates) paid create calls in flight per account")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The account's identity for account-wide limits, when a key is set and the account answers.
    private static func accountIdentity(fleet: FleetLimits, environment: [String: String]) async -> String? {
        guard fleet.accountDaily != nil || fleet.accountMonthly != nil,
            let key = try? APIKey.forCommand(from: environment), !key.isEmpty
        else { return nil }
        let client = MagicHourClient(
            token: APIToken(key),
            configuration: MagicHourConfiguration(
                baseURL: environment["MAGIC_HOUR_BASE_URL"] ?? "https://api.magichour.ai", retry: .none))
        let account = try? await client.account()
        try? await client.shutdown()
        guard let account else { return nil }
        return MagicHourAccountIdentity.identity(of: account, apiKey: key)
    }
}
