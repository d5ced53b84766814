/// One entry of `stages:`, validated.
public struct Stage: Sendable {
    public var name: String
    public var location: SourceLocation
    /// The registered stage type (`uses:`).
    public var type: StageType
    public var usesLocation: SourceLocation
    /// `with:` parameters as written (templates not yet evaluated), by name.
    public var parameters: [String: ParameterExpression]
    /// Stages that must finish before any task of this one starts.
    public var needs: [StageReference]
    public var forEach: ForEach?
    public var matrix: Matrix?
    public var retry: RetryPolicy
    /// Seconds one attempt may take; `nil` means the stage type's default.
    public var timeout: Double?
    /// `if:` — tasks whose condition is false are left out of the plan.
    public var condition: (template: Template, location: SourceLocation)?
    /// A stage-level limit of tasks in flight, below `settings.max_parallel`.
    public var maxParallel: Int?
}

/// A mention of another stage by name, with where it was written.
public struct StageReference: Sendable, Hashable {
    public var name: String
    public var location: SourceLocation
}

/// `retry:` — how often a failed task is tried again.
public struct RetryPolicy: Sendable, Hashable {
    /// Total attempts, the first included.
    public var attempts: Int
    /// Delay before the second attempt, doubled after each failure.
    public var backoff: Double

    public static let none = RetryPolicy(attempts: 1, backoff: 2)
}
