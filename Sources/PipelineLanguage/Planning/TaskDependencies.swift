/// The ids of the tasks a task waits for, in order. Most tasks wait for one (the task whose
/// output is their item): that id is kept in place, and the others in an array shared by the
/// tasks of a stage, so a million tasks hold no array of their own.
public struct TaskDependencies: RandomAccessCollection, Sendable, Equatable, ExpressibleByArrayLiteral {
    private let head: String?
    private let tail: [String]

    /// `head` then `tail`; `tail` must be empty without a `head`.
    init(head: String?, tail: [String]) {
        precondition(head != nil || tail.isEmpty, "a task's later dependencies come after a first one")
        self.head = head
        self.tail = tail
    }

    public init(_ ids: [String]) {
        self.init(head: ids.first, tail: Array(ids.dropFirst()))
    }

    public init(arrayLiteral ids: String...) {
        self.init(ids)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { head == nil ? 0 : 1 + tail.count }

    public subscript(position: Int) -> String {
        if position == 0, let head { return head }
        return tail[position - 1]
    }

    public static func == (lhs: TaskDependencies, rhs: TaskDependencies) -> Bool {
        lhs.elementsEqual(rhs)
    }
}
