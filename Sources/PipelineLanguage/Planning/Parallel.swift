import Foundation

/// Work spread over the machine's cores.
enum Parallel {
    /// `items.map(body)`, computed on every core; results keep the order of `items`.
    static func map<Item: Sendable, Result: Sendable>(
        _ items: [Item], _ body: @Sendable (Item) -> Result
    ) -> [Result] {
        let workers = min(items.count, ProcessInfo.processInfo.activeProcessorCount)
        guard workers > 1 else { return items.map(body) }
        let collected = Collected<Result>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var results: [(Int, Result)] = []
            for index in stride(from: worker, to: items.count, by: workers) { results.append((index, body(items[index]))) }
            collected.store(results)
        }
        return collected.values()
    }

    /// Results handed in by the workers, under a lock.
    private final class Collected<Result: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [Result?]

        init(count: Int) {
            slots = Array(repeating: nil, count: count)
        }

        func store(_ results: [(Int, Result)]) {
            lock.lock()
            defer { lock.unlock() }
            for (index, result) in results { slots[index] = result }
        }

        /// Every result, once all workers have stored theirs.
        func values() -> [Result] {
            lock.lock()
            defer { lock.unlock() }
            return slots.map { $0! }
        }
    }
}
