import MagicHourRules

/// What a stage type's rules know besides a task's parameters.
public struct RuleContext: Sendable, Hashable {
    /// The Magic Hour account's tier, when known (`default` and an unset resolution depend on it).
    public var tier: AccountTier?
    /// Whether the pipeline has a `schedule:` and so runs unattended.
    public var isScheduled: Bool

    public init(tier: AccountTier? = nil, isScheduled: Bool = false) {
        self.tier = tier
        self.isScheduled = isScheduled
    }
}
