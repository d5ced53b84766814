import Foundation
import UnixSignals

/// SIGINT/SIGTERM handling for a run: the first signal cancels the run (in-flight work stops
/// cleanly, recorded job ids stay recorded); a second one exits at once with 130.
///
/// The signals arrive through swift-service-lifecycle's `UnixSignalsSequence`, read by one task.
/// Both signals are ignored from `init` on, so one that comes before the sequence is listening is
/// dropped rather than killing the run.
final class SignalTrap: Sendable {
    private let listener: Task<Void, Never>

    init(onFirst: @escaping @Sendable () -> Void) {
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        listener = Task {
            var received = 0
            for await _ in await UnixSignalsSequence(trapping: .sigint, .sigterm) {
                received += 1
                if received == 1 {
                    FileHandle.standardError.write(
                        Data(
                            "\ninterrupted: stopping; in-flight work is cancelled and every recorded job is kept (press Ctrl-C again to exit now)\n"
                                .utf8))
                    onFirst()
                } else {
                    exit(130)
                }
            }
        }
    }

    /// Stops listening and gives both signals their default action again.
    func cancel() {
        listener.cancel()
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
