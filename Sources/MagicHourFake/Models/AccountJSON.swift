/// `GET /v1/account`: `{id, email, credits, tier, subscription}`, in the shape of the SDK 0.90.0's
/// `V1AccountListResponse` (every field present, nullable ones as `null`; no subscription on the
/// free tier).
struct AccountJSON: Encodable, Sendable {
    /// The subscription plan of a paid tier.
    struct Subscription: Encodable, Sendable {
        struct Price: Encodable, Sendable {
            /// Per billing interval, in the smallest unit of the currency.
            var amount: Int
            var currency: String
        }

        var status: String
        var name: String
        var price: Price
        var billingInterval: String
        var cancelAtPeriodEnd: Bool
        var currentPeriodEnd: String

        enum CodingKeys: String, CodingKey {
            case status, name, price, discount
            case billingInterval = "billing_interval"
            case cancelAtPeriodEnd = "cancel_at_period_end"
            case currentPeriodEnd = "current_period_end"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(status, forKey: .status)
            try container.encode(name, forKey: .name)
            try container.encode(price, forKey: .price)
            try container.encode(billingInterval, forKey: .billingInterval)
            try container.encode(cancelAtPeriodEnd, forKey: .cancelAtPeriodEnd)
            try container.encode(currentPeriodEnd, forKey: .currentPeriodEnd)
            try container.encodeNil(forKey: .discount)
        }

        /// The plan of `tier` (creator, pro or business); `nil` for free.
        static func plan(tier: String, periodEnd: String) -> Subscription? {
            let monthly = ["creator": 1_500, "pro": 4_900, "business": 24_900]
            guard let amount = monthly[tier] else { return nil }
            return Subscription(
                status: "active", name: tier.prefix(1).uppercased() + tier.dropFirst(),
                price: Price(amount: amount, currency: "usd"), billingInterval: "month", cancelAtPeriodEnd: false,
                currentPeriodEnd: periodEnd)
        }
    }

    var id: String
    var email: String
    /// The balance in credits.
    var credits: Int
    var tier: String
    var subscription: Subscription?

    enum CodingKeys: String, CodingKey {
        case id, email, credits, tier, subscription
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(email, forKey: .email)
        try container.encode(credits, forKey: .credits)
        try container.encode(tier, forKey: .tier)
        if let subscription {
            try container.encode(subscription, forKey: .subscription)
        } else {
            try container.encodeNil(forKey: .subscription)
        }
    }
}
