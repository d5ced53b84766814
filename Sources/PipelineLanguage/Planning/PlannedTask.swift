/// One concrete unit of work: a stage applied to one item and one matrix cell.
public struct PlannedTask: Sendable, Identifiable {
    /// Stable id: `stage[item]{axis=value,…}`. Unrelated edits to the file never change it.
    public var id: String
    public var stage: String
    public var typeName: String
    /// The item the task works on (nil for stages without for_each).
    public var item: Value? {
        get { input?.value }
        set { input = newValue.map(PlannedItem.value) }
    }
    /// Matrix values, upstream stages' included.
    public var matrix: [String: Value]
    /// Parameters after evaluation; `.deferred` where an upstream output is needed first.
    public var parameters: [String: Value]
    /// Ids of the tasks this one waits for.
    public var dependencies: [String]
    /// SHA-256 (hex) of what determines the result; empty when the plan was made without keys.
    public var cacheKey: String
    /// SHA-256 (hex) of the input files alone (by content or producer key): tells "input changed"
    /// apart; empty when the plan was made without keys.
    public var inputsDigest: String { inputsPart.hex }
    /// SHA-256 (hex) of the stage type and the other result-changing parameters: tells "parameters
    /// changed" apart; empty when the plan was made without keys.
    public var parametersDigest: String { parametersPart.hex }
    /// The two digests as the planner keeps them (in place; hex only when asked for).
    var inputsPart: PartDigest
    var parametersPart: PartDigest
    /// Credits the task costs (0 for local work, and for unpriced paid work: see `isUnpriced`).
    public var credits: Int
    /// Whether the task is paid work without a published price: its cost is unknown, not 0.
    public var isUnpriced: Bool = false
    /// Whether the task spends credits (priced or not).
    public var isPaid: Bool { credits > 0 || isUnpriced }
    /// The file the task writes, relative to the pipeline file's folder, when known at plan time.
    public var outputPath: String?
    /// What a downstream stage sees as `item`: lineage plus this task's outputs (deferred until run).
    public var produced: Value {
        get { output.value }
        set { output = .value(newValue) }
    }
    /// `item` and `produced` as the planner keeps them: built into values only when read.
    var input: PlannedItem?
    var output: PlannedItem

    public init(
        id: String, stage: String, typeName: String, item: Value?, matrix: [String: Value], parameters: [String: Value],
        dependencies: [String], cacheKey: String, credits: Int, outputPath: String?, produced: Value
    ) {
        self.init(
            id: id, stage: stage, typeName: typeName, input: item.map(PlannedItem.value), matrix: matrix,
            parameters: parameters, dependencies: dependencies, cacheKey: cacheKey, inputsPart: .none,
            parametersPart: .none,
            credits: credits, outputPath: outputPath, output: .value(produced))
    }

    init(
        id: String, stage: String, typeName: String, input: PlannedItem?, matrix: [String: Value],
        parameters: [String: Value],
        dependencies: [String], cacheKey: String, inputsPart: PartDigest, parametersPart: PartDigest, credits: Int,
        outputPath: String?, output: PlannedItem
    ) {
        self.id = id
        self.stage = stage
        self.typeName = typeName
        self.input = input
        self.matrix = matrix
        self.parameters = parameters
        self.dependencies = dependencies
        self.cacheKey = cacheKey
        self.inputsPart = inputsPart
        self.parametersPart = parametersPart
        self.credits = credits
        self.outputPath = outputPath
        self.output = output
    }
}
