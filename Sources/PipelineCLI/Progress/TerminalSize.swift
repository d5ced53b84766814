import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The size of the terminal on a descriptor, read once: the kernel's window size, else `COLUMNS`
/// and `LINES`, else 80 × 24.
struct TerminalSize {
    /// The width in characters.
    let columns: Int
    /// The height in lines, for capping how many stage lines are drawn.
    let rows: Int

    init(of descriptor: Int32, environment: [String: String]) {
        var size = winsize()
        let known = ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0
        func dimension(_ kernel: UInt16, _ variable: String, _ fallback: Int) -> Int {
            if known, kernel > 0 { return Int(kernel) }
            if let value = environment[variable].flatMap(Int.init), value > 0 { return value }
            return fallback
        }
        columns = dimension(size.ws_col, "COLUMNS", 80)
        rows = dimension(size.ws_row, "LINES", 24)
    }
}
