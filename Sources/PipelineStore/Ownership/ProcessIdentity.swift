import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// One process on one host, told apart from a later process that reuses its pid by the time it
/// started (the kernel's start tick on Linux).
///
/// Claims on paid work and `running` run rows carry the identity of the process that owns them,
/// so that any later command can tell a live owner (wait for it) from a dead one (its claim is
/// uncertain, its run crashed).
public struct ProcessIdentity: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The host name.
    public var host: String
    /// The process id.
    public var pid: Int32
    /// When the process started, in clock ticks since boot (`/proc/PID/stat` field 22), when known.
    public var startTicks: Int64?

    /// Creates an identity.
    public init(host: String, pid: Int32, startTicks: Int64?) {
        self.host = host
        self.pid = pid
        self.startTicks = startTicks
    }

    /// This process.
    public static let current = ProcessIdentity(
        host: ProcessInfo.processInfo.hostName, pid: getpid(), startTicks: startTicks(of: getpid()))

    /// Whether the owner is still running, as far as this machine can tell.
    public enum Liveness: Sendable, Equatable {
        /// The process exists (and, where known, started when the owner did).
        case alive
        /// The process is gone (or its pid now belongs to another process).
        case gone
        /// The owner runs on another host: this machine cannot tell.
        case unknown
    }

    /// Whether this process still runs. Another host's process is `.unknown`.
    public var liveness: Liveness {
        guard host == ProcessIdentity.current.host else { return .unknown }
        if pid == ProcessIdentity.current.pid {
            return startTicks == ProcessIdentity.current.startTicks ? .alive : .gone
        }
        guard pid > 0, kill(pid, 0) == 0 || errno == EPERM else { return .gone }
        guard let startTicks, let now = Self.startTicks(of: pid) else { return .alive }
        return now == startTicks ? .alive : .gone
    }

    /// "pid 123 on host-a".
    public var description: String { "pid \(pid) on \(host)" }

    /// Field 22 of `/proc/PID/stat` (the start time in clock ticks since boot), or nil off Linux.
    static func startTicks(of pid: Int32) -> Int64? {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/stat"),
            let text = String(data: data, encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return nil }
        // After the command name in parentheses: field 3 (state) is the first; 22 is the 20th.
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count >= 20 else { return nil }
        return Int64(fields[19])
    }
}
