import Crypto
import Foundation
import MagicHour
import PipelineEngine

/// Who a Magic Hour account is, for account-wide limits in the state store: the `id` that
/// `GET /v1/account` answers, else `key-` and the first 32 hex digits of HMAC-SHA256 of the API
/// key under a fixed salt. The hash cannot be turned back into the key, and it is never the key:
/// the key itself is never stored.
public enum MagicHourAccountIdentity {
    /// The salt of the key's hash (fixed, so every process and machine names one key alike).
    static let salt = Data("pipeline/account-identity/v1".utf8)

    /// The account's identity.
    public static func identity(of account: Account, apiKey: String) -> String {
        if let id = account.id, !id.isEmpty { return "id-" + id }
        let code = HMAC<SHA256>.authenticationCode(for: Data(apiKey.utf8), using: SymmetricKey(data: salt))
        return "key-" + code.map { String(format: "%02x", $0) }.joined().prefix(32)
    }

    /// What a run needs of the account: its balance and identity.
    public static func runAccount(_ account: Account, apiKey: String) -> RunAccount {
        RunAccount(credits: account.credits, id: identity(of: account, apiKey: apiKey))
    }
}
