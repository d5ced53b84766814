/// `GET /v1/account`: `{id, email, credits, tier, subscription}`.
struct AccountJSON: Encodable, Sendable {
    /// The subscription's state and plan.
    struct Subscription: Encodable, Sendable {
        var status: String
        var plan: String
    }

    var id: String
    var email: String
    /// The balance in credits.
    var credits: Int
    var tier: String
    var subscription: Subscription
}
