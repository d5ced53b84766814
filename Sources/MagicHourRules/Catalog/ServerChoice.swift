/// What a model name the server resolves (`default`) stands for, by tier. Without a known tier a
/// paid tier is assumed (the docs' defaults are the paid tiers').
public struct ServerChoice: Sendable, Hashable {
    /// The model on creator, pro and business.
    public var paidTiers: String
    /// The model on the free tier.
    public var freeTier: String

    public init(paidTiers: String, freeTier: String) {
        self.paidTiers = paidTiers
        self.freeTier = freeTier
    }

    /// The model `tier` gets; a paid tier's when the tier is not known.
    public func modelID(for tier: AccountTier?) -> String {
        tier == .free ? freeTier : paidTiers
    }
}
