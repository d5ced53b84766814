import NIOConcurrencyHelpers

/// Values a command hands to the end of the process instead of freeing them.
///
/// A plan of a million tasks is millions of small allocations: freeing them one by one when
/// the command returns is work nobody sees the result of (5 % of `pipeline plan` at 100,000
/// tasks), and the process's exit gives the memory back at once. As compilers do with
/// `-disable-free`, a command that is done with its largest value keeps it here.
enum ExitRetained {
    private static let kept = NIOLockedValueBox<[any Sendable]>([])

    /// Keeps `value` alive until the process exits.
    static func keep(_ value: some Sendable) {
        kept.withLockedValue { $0.append(value) }
    }
}
