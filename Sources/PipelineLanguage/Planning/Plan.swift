import PipelineBasics
import MagicHourRules

/// The static plan of a pipeline: every task, its dependencies, cache key and cost.
public struct Plan: Sendable {
    /// A stage's share of the plan.
    public struct StageSummary: Sendable {
        public var name: String
        public var typeName: String
        public var taskIDs: [String]
        public var credits: Int
        /// Stages this stage waits for.
        public var dependencies: [String]
        /// Paid tasks of the stage without a published price (not counted in `credits`).
        public var unpricedTasks: Int = 0
        /// Other stages whose planned outputs its tasks name by path in a file parameter (beside
        /// `dependencies`): its tasks wait for the tasks that write them.
        public var reads: [String] = []
    }

    public var pipeline: Pipeline
    /// Tasks in an order where every task comes after its dependencies.
    public var tasks: [PlannedTask]
    /// Stages in execution order.
    public var stages: [StageSummary]
    /// The Magic Hour tier the estimates assume (`nil`: not known, a paid tier's `default`).
    public var tier: AccountTier?
    /// Every folder a glob of the plan listed (its path as the planner joined it), with its
    /// signature taken before it was read (`nil`: it was not there). With the input files, these
    /// are everything on disk the set of tasks depends on.
    public var foldersRead: [String: PathSignature?] = [:]

    /// Total credits of every paid task in the plan.
    public var totalCredits: Int { stages.reduce(0) { $0 + $1.credits } }

    /// Paid tasks without a published price: their cost is not in `totalCredits`.
    public var unpricedTasks: Int { stages.reduce(0) { $0 + $1.unpricedTasks } }

    /// Task-to-task dependency edges.
    public var edgeCount: Int { tasks.reduce(0) { $0 + $1.dependencies.count } }

    /// Each task's position in `tasks`, by id: the plan's own table, shared, not copied.
    public var positionsByID: [String: Int] { index }

    public func task(id: String) -> PlannedTask? {
        guard let index = index[id] else { return nil }
        return tasks[index]
    }

    /// Each task's position in `tasks`, by id.
    private(set) var index: [String: Int]
    /// The root values expressions see (`inputs`, `env`, `run`), kept to finish deferred parameters.
    let scope: [String: Value]

    /// - Parameter index: each task's position in `tasks`, by id.
    init(pipeline: Pipeline, tasks: [PlannedTask], index: [String: Int], stages: [StageSummary], scope: [String: Value])
    {
        self.pipeline = pipeline
        self.tasks = tasks
        self.stages = stages
        self.scope = scope
        self.index = index
    }
}
