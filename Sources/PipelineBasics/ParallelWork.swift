import NIOConcurrencyHelpers

/// One ``Blocking/map(_:_:)``: items that any thread may claim, one at a time, and their results.
final class ParallelWork<Item: Sendable, Output: Sendable>: Sendable {
    /// What the lock guards: the next unclaimed index and the results stored so far.
    private struct Progress {
        var next = 0
        var finished = 0
        var slots: [Output?]
    }

    private let items: [Item]
    private let body: @Sendable (Item) -> Output
    private let progress: NIOLockedValueBox<Progress>
    /// Whether every item is computed; the caller waits for `true`.
    private let done = ConditionLock(value: false)

    init(items: [Item], body: @escaping @Sendable (Item) -> Output) {
        self.items = items
        self.body = body
        progress = NIOLockedValueBox(Progress(slots: Array(repeating: nil, count: items.count)))
    }

    /// Computes unclaimed items until none is left.
    func drain() {
        while true {
            let index = progress.withLockedValue { progress -> Int? in
                guard progress.next < items.count else { return nil }
                defer { progress.next += 1 }
                return progress.next
            }
            guard let index else { return }
            let output = body(items[index])
            let isLast = progress.withLockedValue { progress in
                progress.slots[index] = output
                progress.finished += 1
                return progress.finished == items.count
            }
            if isLast {
                done.lock()
                done.unlock(withValue: true)
            }
        }
    }

    /// Every result, in the order of the items, once all are computed.
    func results() -> [Output] {
        done.lock(whenValue: true)
        done.unlock()
        return progress.withLockedValue { progress in progress.slots.map { $0! } }
    }
}
