/// One concrete unit of work: a stage applied to one item and one matrix cell.
///
/// A plan may hold a million of these, so a task is kept small: its parameters are a row of its
/// stage's table, its key and digests are bytes in place, its item and outputs are built into
/// values only when read, its stage is shared. The word-sized properties come first and the keys
/// and the flag last, so that none pads another.
public struct PlannedTask: Sendable, Identifiable {
    /// Stable id: `stage[item]{axis=value,…}`. Unrelated edits to the file never change it.
    public var id: String
    /// The task's stage and its type, shared with the stage's other tasks.
    let label: StageLabel
    public var stage: String { label.name }
    public var typeName: String { label.typeName }
    /// The file the task writes, relative to the pipeline file's folder, when known at plan time.
    public var outputPath: String?
    /// Matrix values, upstream stages' included.
    public var matrix: [String: Value]
    /// Parameters after evaluation; `.deferred` where an upstream output is needed first.
    public internal(set) var parameters: TaskParameters
    /// Ids of the tasks this one waits for.
    public var dependencies: TaskDependencies
    /// Credits the task costs (0 for local work, and for unpriced paid work: see `isUnpriced`).
    public var credits: Int
    /// `item` and `produced` as the planner keeps them: built into values only when read.
    var input: PlannedItem?
    var output: PlannedItem
    /// The cache key and the digests of its parts, as the planner keeps them (hex only when read).
    var keys: TaskKeys
    /// Whether the task is paid work without a published price: its cost is unknown, not 0.
    public var isUnpriced: Bool = false

    /// SHA-256 (hex) of what determines the result; empty when the plan was made without keys.
    public var cacheKey: String { keys.keyHex }
    /// SHA-256 (hex) of the input files alone (by content or producer key): tells "input changed"
    /// apart; empty when the plan was made without keys.
    public var inputsDigest: String { keys.inputsHex }
    /// SHA-256 (hex) of the stage type and the other result-changing parameters: tells "parameters
    /// changed" apart; empty when the plan was made without keys.
    public var parametersDigest: String { keys.parametersHex }
    /// Whether the task spends credits (priced or not).
    public var isPaid: Bool { credits > 0 || isUnpriced }
    /// The item the task works on (nil for stages without for_each).
    public var item: Value? {
        get { input?.value }
        set { input = newValue.map(PlannedItem.value) }
    }
    /// What a downstream stage sees as `item`: lineage plus this task's outputs (deferred until run).
    public var produced: Value {
        get { output.value }
        set { output = .value(newValue) }
    }

    /// A task as given, not planned.
    /// - Precondition: `cacheKey` is 64 lower-case hex digits (a SHA-256), or empty for none.
    public init(
        id: String, stage: String, typeName: String, item: Value?, matrix: [String: Value], parameters: [String: Value],
        dependencies: [String], cacheKey: String, credits: Int, outputPath: String?, produced: Value
    ) {
        guard let keys = TaskKeys(keyHex: cacheKey) else {
            preconditionFailure("a task's cache key is 64 lower-case hex digits or empty, not '\(cacheKey)'")
        }
        self.init(
            id: id, label: StageLabel(name: stage, typeName: typeName), input: item.map(PlannedItem.value),
            matrix: matrix,
            parameters: TaskParameters(parameters), dependencies: TaskDependencies(dependencies), keys: keys,
            credits: credits,
            outputPath: outputPath, output: .value(produced))
    }

    init(
        id: String, label: StageLabel, input: PlannedItem?, matrix: [String: Value],
        parameters: TaskParameters, dependencies: TaskDependencies, keys: TaskKeys, credits: Int, outputPath: String?,
        output: PlannedItem
    ) {
        self.id = id
        self.label = label
        self.input = input
        self.matrix = matrix
        self.parameters = parameters
        self.dependencies = dependencies
        self.keys = keys
        self.credits = credits
        self.outputPath = outputPath
        self.output = output
    }
}
