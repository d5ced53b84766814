import Foundation

/// Memory figures of this process, read from /proc (Linux).
enum ProcessMemory {
    /// Peak resident set size so far (VmHWM), in bytes.
    static var peakResidentBytes: Int64 { field("VmHWM") }

    /// Current resident set size (VmRSS), in bytes.
    static var residentBytes: Int64 { field("VmRSS") }

    private static func field(_ name: String) -> Int64 {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix(name + ":") {
            let digits = line.split(separator: " ").compactMap { Int64($0) }
            return (digits.first ?? 0) * 1024
        }
        return 0
    }

    static func megabytes(_ bytes: Int64) -> String {
        String(format: "%.1f MB", Double(bytes) / 1_000_000)
    }
}
