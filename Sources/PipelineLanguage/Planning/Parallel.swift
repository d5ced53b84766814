import Foundation

/// Work spread over the machine's cores.
enum Parallel {
    /// `items.map(body)`, computed on every core; results keep the order of `items`.
    static func map<Item: Sendable, Output: Sendable>(
        _ items: [Item], _ body: @Sendable (Item) -> Output
    ) -> [Output] {
        let workers = min(items.count, ProcessInfo.processInfo.activeProcessorCount)
        guard workers > 1 else { return items.map(body) }
        let collected = Collected<Output>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var results: [(Int, Output)] = []
            for index in stride(from: worker, to: items.count, by: workers) {
                results.append((index, body(items[index])))
            }
            collected.store(results)
        }
        return collected.values()
    }

    /// Results handed in by the workers, under a lock.
    private final class Collected<Output: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [Output?]

        init(count: Int) {
            slots = Array(repeating: nil, count: count)
        }

        func store(_ results: [(Int, Output)]) {
            lock.lock()
            defer { lock.unlock() }
            for (index, result) in results { slots[index] = result }
        }

        /// Every result, once all workers have stored theirs.
        func values() -> [Output] {
            lock.lock()
            defer { lock.unlock() }
            return slots.map { $0! }
        }
    }
}
