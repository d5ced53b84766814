import PipelineLanguage

/// Every task's disposition, in the order of its plan's tasks: made and read by position, and
/// read by id through the plan's own table of ids, so that making it hashes no id.
///
/// A task may have none (the scheduler's tests give only some tasks one): it runs as new.
public struct TaskDispositions: Sendable {
    private let positions: [String: Int]
    private var values: [TaskDisposition?]

    /// A disposition for each task of `plan`, from its position in `plan.tasks`.
    public init(plan: Plan, _ disposition: (Int) throws -> TaskDisposition) rethrows {
        positions = plan.positionsByID
        values = []
        values.reserveCapacity(plan.tasks.count)
        for position in plan.tasks.indices { values.append(try disposition(position)) }
    }

    /// `dispositions`, one for each task of `plan` in its order.
    public init(plan: Plan, inOrder dispositions: [TaskDisposition]) {
        precondition(dispositions.count == plan.tasks.count, "one disposition for each task")
        positions = plan.positionsByID
        values = dispositions
    }

    /// The dispositions `byID` gives the tasks of `plan` it names; the others have none.
    public init(plan: Plan, byID: [String: TaskDisposition] = [:]) {
        positions = plan.positionsByID
        values = plan.tasks.map { byID[$0.id] }
    }

    /// The disposition of the task at `position` in the plan's tasks.
    public subscript(position position: Int) -> TaskDisposition? {
        values.indices.contains(position) ? values[position] : nil
    }

    /// The disposition of the task `id`.
    public subscript(id: String) -> TaskDisposition? {
        positions[id].flatMap { self[position: $0] }
    }

    /// The dispositions the tasks have, in the plan's order.
    public var all: some Sequence<TaskDisposition> { values.lazy.compactMap { $0 } }

    /// How many tasks have a disposition.
    public var count: Int { values.reduce(0) { $0 + ($1 == nil ? 0 : 1) } }
}
