/// One stage's share of a run: its tasks' statuses, credits, and place in the graph.
package struct StageReport: Sendable, Equatable {
    /// The stage's name.
    package var name: String
    /// Its stage type (`image.resize`…), when known from the pipeline file or the cache.
    package var typeName: String?
    /// Its tasks in the run, by status.
    package var counts: StatusCounts
    /// Credits its tasks were charged in the run.
    package var credits: Int
    /// The longest path from a root of the stage graph to it (roots are 0).
    package var depth: Int
    /// The worst status among its tasks.
    package var outcome: StageOutcome

    /// Creates a stage report.
    package init(name: String, typeName: String?, counts: StatusCounts, credits: Int, depth: Int, outcome: StageOutcome)
    {
        self.name = name
        self.typeName = typeName
        self.counts = counts
        self.credits = credits
        self.depth = depth
        self.outcome = outcome
    }
}
