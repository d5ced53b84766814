import Foundation

/// The lines of a user's crontab, as `crontab -l` prints them. Changes touch only the lines
/// that carry a pipeline marker; every other line stays as it was, in its place.
struct Crontab: Equatable {
    /// What installing an entry did.
    enum InstallOutcome: Equatable {
        case added
        /// An earlier line for the same pipeline was replaced (its schedule or command changed).
        case replaced(previous: String)
        /// The same line was already there.
        case unchanged
    }

    var lines: [String]

    init(text: String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        self.lines = lines
    }

    /// The text for `crontab -`, ending with a newline as cron requires.
    var text: String { lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n" }

    /// The pipeline lines, with their line indexes.
    var entries: [(index: Int, entry: CrontabEntry)] {
        lines.enumerated().compactMap { index, line in CrontabEntry(line: line).map { (index, $0) } }
    }

    /// Puts `entry` where the pipeline's first line was (or at the end), and drops any other
    /// line for the same pipeline, so each pipeline has exactly one line.
    mutating func install(_ entry: CrontabEntry) -> InstallOutcome {
        let existing = entries.filter { $0.entry.pipelineFile == entry.pipelineFile }
        guard let first = existing.first else {
            lines.append(entry.line)
            return .added
        }
        let outcome: InstallOutcome =
            existing.count == 1 && first.entry.line == entry.line ? .unchanged : .replaced(previous: first.entry.line)
        lines[first.index] = entry.line
        for duplicate in existing.dropFirst().reversed() { lines.remove(at: duplicate.index) }
        return outcome
    }

    /// Removes the lines for `pipelineFile` and returns them.
    mutating func remove(pipelineFile: String) -> [String] {
        let existing = entries.filter { $0.entry.pipelineFile == pipelineFile }
        for item in existing.reversed() { lines.remove(at: item.index) }
        return existing.map(\.entry.line)
    }

    /// The value of the last `NAME=value` line above line `index` (cronie applies `CRON_TZ=`
    /// lines to the jobs below them).
    func variable(_ name: String, before index: Int) -> String? {
        var value: String?
        for line in lines.prefix(index) {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            guard trimmed.hasPrefix(name), let equals = trimmed.firstIndex(of: "="),
                trimmed[trimmed.startIndex..<equals].trimmingCharacters(in: .whitespaces) == name
            else { continue }
            var text = trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if text.count >= 2, let quote = text.first, quote == "\"" || quote == "'", text.last == quote {
                text = String(text.dropFirst().dropLast())
            }
            value = text
        }
        return value
    }
}
