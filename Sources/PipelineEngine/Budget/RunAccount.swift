/// The Magic Hour account a run spends from, as read before its first paid create.
public struct RunAccount: Sendable, Equatable {
    /// Credits left (the balance).
    public var credits: Int
    /// Who the account is, for account-wide limits: the `id` of `GET /v1/account`, else a salted
    /// hash of the API key (never the key itself).
    public var id: String

    /// Creates an account value.
    public init(credits: Int, id: String) {
        self.credits = credits
        self.id = id
    }
}
