/// The account behind the API key (`GET /v1/account`): who it is, its balance and tier.
public struct Account: Sendable, Equatable, Decodable {
    /// The account's id, when the API answers one.
    public var id: String?
    /// Credits left.
    public var credits: Int
    /// free, creator, pro or business.
    public var tier: String?

    /// Creates an account value.
    public init(credits: Int, tier: String?, id: String? = nil) {
        self.id = id
        self.credits = credits
        self.tier = tier
    }
}
