import Foundation

/// The process that holds a ``RunLock``, as its lock file names it.
public struct LockHolder: Sendable, Equatable, Codable, CustomStringConvertible {
    /// The holder's process id, if the lock file names one.
    public var pid: Int32?
    /// The holder's host name, if the lock file names one.
    public var host: String?
    /// When the holder acquired the lock, if the lock file says.
    public var startedAt: Date?

    /// Creates a holder description.
    public init(pid: Int32?, host: String?, startedAt: Date?) {
        self.pid = pid
        self.host = host
        self.startedAt = startedAt
    }

    /// "pid 123 on host-a since 2026-05-01T06:00:00Z", or "an unknown process" when the file
    /// names nobody (the holder has only just acquired it).
    public var description: String {
        guard pid != nil || host != nil || startedAt != nil else { return "an unknown process" }
        var parts: [String] = []
        if let pid { parts.append("pid \(pid)") }
        if let host { parts.append("on \(host)") }
        if let startedAt {
            parts.append("since \(ISO8601DateFormatter().string(from: startedAt))")
        }
        return parts.joined(separator: " ")
    }

    /// The lock file's content: one JSON object.
    func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        var data = (try? encoder.encode(self)) ?? Data()
        data.append(0x0A)
        return data
    }

    /// Parses a lock file's content; `nil` when it is empty or not ours.
    static func decode(_ data: Data) -> LockHolder? {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try? decoder.decode(LockHolder.self, from: data)
    }
}
