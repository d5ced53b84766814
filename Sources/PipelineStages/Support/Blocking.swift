import Dispatch

/// Runs blocking work (libvips, file copies) off Swift's cooperative threads so that the
/// scheduler and network I/O keep moving while it runs.
enum Blocking {
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(with: Result { try work() })
            }
        }
    }
}
