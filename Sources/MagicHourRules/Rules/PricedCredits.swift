/// What a task is estimated to cost, and whose price that estimate uses.
public struct PricedCredits: Sendable, Hashable {
    public var credits: Int
    public var source: PriceSource

    public init(_ credits: Int, source: PriceSource) {
        self.credits = credits
        self.source = source
    }
}
