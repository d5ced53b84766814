/// One stage's share of a run: its tasks' statuses, credits, and place in the graph.
public struct StageReport: Sendable, Equatable {
    /// The stage's name.
    public var name: String
    /// Its stage type (`image.resize`…), when known from the pipeline file or the cache.
    public var typeName: String?
    /// Its tasks in the run, by status.
    public var counts: StatusCounts
    /// Credits its tasks were charged in the run.
    public var credits: Int
    /// The longest path from a root of the stage graph to it (roots are 0).
    public var depth: Int
    /// The worst status among its tasks.
    public var outcome: StageOutcome

    /// Creates a stage report.
    public init(name: String, typeName: String?, counts: StatusCounts, credits: Int, depth: Int, outcome: StageOutcome)
    {
        self.name = name
        self.typeName = typeName
        self.counts = counts
        self.credits = credits
        self.depth = depth
        self.outcome = outcome
    }
}
