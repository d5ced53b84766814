import Dispatch
import Foundation
import NIOConcurrencyHelpers

/// SIGINT/SIGTERM handling for a run: the first signal cancels the run (in-flight work stops
/// cleanly, recorded job ids stay recorded); a second one exits at once with 130.
///
/// `@unchecked Sendable` for ``sources``: set once in `init`, only cancelled after.
final class SignalTrap: @unchecked Sendable {
    private let sources: [any DispatchSourceSignal]
    /// How many signals arrived, under the box's lock.
    private let count: NIOLockedValueBox<Int>

    init(onFirst: @escaping @Sendable () -> Void) {
        let count = NIOLockedValueBox(0)
        var sources: [any DispatchSourceSignal] = []
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                let received = count.withLockedValue { count in
                    count += 1
                    return count
                }
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
            source.resume()
            sources.append(source)
        }
        self.sources = sources
        self.count = count
    }

    func cancel() {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
