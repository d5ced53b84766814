/// The account behind the API key (`GET /v1/account`): its balance and tier.
public struct Account: Sendable, Equatable, Decodable {
    /// Credits left.
    public var credits: Int
    /// free, creator, pro or business.
    public var tier: String?

    /// Creates an account value.
    public init(credits: Int, tier: String?) {
        self.credits = credits
        self.tier = tier
    }
}
