import Foundation

/// The moment a task entered one phase of its work ("uploading", "rendering", "downloading"…).
///
/// A phase lasts until the next mark, or until the task finished. Reports draw the timeline
/// from these marks and the task's `queuedAt`, `startedAt` and `finishedAt`.
public struct TaskPhaseMark: Sendable, Equatable, Codable {
    /// The phase's name, e.g. `rendering`.
    public var phase: String
    /// When the task entered it.
    public var at: Date

    /// Creates a mark.
    public init(phase: String, at: Date) {
        self.phase = phase
        self.at = at
    }

    /// The `phases` column: `[{"phase":"rendering","at":1764000000.125}, …]`, or NULL for none.
    package static func encode(_ marks: [TaskPhaseMark]) -> String? {
        guard !marks.isEmpty else { return nil }
        let items = marks.map { mark -> String in
            let name = String(decoding: (try? JSONEncoder().encode(mark.phase)) ?? Data("\"\"".utf8), as: UTF8.self)
            return #"{"phase":\#(name),"at":\#(mark.at.timeIntervalSince1970)}"#
        }
        return "[" + items.joined(separator: ",") + "]"
    }

    /// Reads the `phases` column; an unreadable value reads as no marks (it only feeds reports).
    package static func decode(_ json: String?) -> [TaskPhaseMark] {
        guard let json, let data = json.data(using: .utf8) else { return [] }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return (try? decoder.decode([TaskPhaseMark].self, from: data)) ?? []
    }
}
