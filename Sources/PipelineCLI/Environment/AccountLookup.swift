import Foundation
import MagicHour
import MagicHourRules

/// The Magic Hour account behind the API key (`GET /v1/account`), read by `plan` (to show the
/// balance, and to plan `default` on the account's own tier) and by `run` (for the tier).
struct AccountLookup: Sendable {
    var credits: Int
    /// `nil` when the API answered a tier this release does not know.
    var tier: AccountTier?

    /// Reads the account when `environment` holds a key; `nil` without one. A failure is
    /// returned as its message (the caller warns and goes on without the account).
    static func read(environment: [String: String], baseURL: String?) async -> Result<AccountLookup, LookupFailure>? {
        let key: String?
        do {
            key = try APIKey.read(from: environment)
        } catch {
            return .failure(LookupFailure(message: "\(error)"))
        }
        guard let key, !key.isEmpty else { return nil }
        let url = baseURL ?? environment["MAGIC_HOUR_BASE_URL"] ?? "https://api.magichour.ai"
        let client = MagicHourClient(
            token: APIToken(key),
            configuration: MagicHourConfiguration(
                baseURL: url, connectTimeout: .seconds(5), requestTimeout: .seconds(15), retry: .none))
        do {
            let account = try await client.account()
            try? await client.shutdown()
            return .success(AccountLookup(credits: account.credits, tier: account.tier.flatMap(AccountTier.init)))
        } catch {
            try? await client.shutdown()
            return .failure(LookupFailure(message: "\(error)"))
        }
    }

    /// Why the account could not be read (never with the key: the client's errors are redacted).
    struct LookupFailure: Error, Sendable {
        var message: String
    }
}
