import NIOCore
import NIOPosix

/// Blocking work (libvips, file reads and copies, hashing, the planner's file checks) on one
/// `NIOThreadPool`, off Swift's cooperative threads, so that the scheduler and network I/O keep
/// moving while it runs.
///
/// The pool is this program's own (not `NIOThreadPool.singleton`, which NIO's file system uses):
/// a long resize never delays a download's writes. It starts on first use and lives as long as
/// the process.
public enum Blocking {
    /// How many threads the pool has: twice the cores, at least four.
    public static let threadCount = max(4, 2 * System.coreCount)

    /// The pool every blocking call of the engine runs on.
    public static let threadPool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: threadCount)
        pool.start()
        return pool
    }()

    /// Runs `work` on the pool and waits for its result without holding a cooperative thread.
    ///
    /// Cancellable while it waits for a thread: when the task was cancelled before `work`
    /// started, the thread that takes it skips `work` and the call throws `CancellationError`.
    /// Once started, `work` runs to its end.
    /// - Throws: What `work` throws, or `CancellationError`.
    public static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await threadPool.runIfActive(work)
    }

    /// `items.map(body)`, computed on up to one thread per core; results keep the order of `items`.
    ///
    /// The calling thread works too, and waits only for items already being computed, so this is
    /// safe to call from a thread of the pool itself (``run(_:)`` inside ``run(_:)``).
    public static func map<Item: Sendable, Output: Sendable>(
        _ items: [Item], _ body: @escaping @Sendable (Item) -> Output
    ) -> [Output] {
        let helpers = min(items.count, System.coreCount) - 1
        guard helpers > 0 else { return items.map(body) }
        let work = ParallelWork(items: items, body: body)
        for _ in 0..<helpers {
            threadPool.submit { state in
                if case .active = state { work.drain() }
            }
        }
        work.drain()
        return work.results()
    }
}
