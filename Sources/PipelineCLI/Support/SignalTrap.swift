import Dispatch
import Foundation

/// SIGINT/SIGTERM handling for a run: the first signal cancels the run (in-flight work stops
/// cleanly, recorded job ids stay recorded); a second one exits at once with 130.
final class SignalTrap: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []
    private var count = 0
    private let lock = NSLock()

    init(onFirst: @escaping @Sendable () -> Void) {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { [weak self] in
                guard let self else { return }
                self.lock.lock()
                self.count += 1
                let count = self.count
                self.lock.unlock()
                if count == 1 {
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
    }

    func cancel() {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
