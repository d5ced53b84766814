/// Splits long key lists so that `IN (?, ?, …)` lists stay well under SQLite's
/// bound-parameter limit, and reuses one prepared statement per batch size.
enum KeyBatches {
    /// Keys per `IN` list.
    static let size = 500

    /// The distinct keys, in batches of at most ``size``.
    static func batches(_ keys: [String]) -> [ArraySlice<String>] {
        var seen = Set<String>(minimumCapacity: keys.count)
        let unique = keys.filter { seen.insert($0).inserted }
        return stride(from: 0, to: unique.count, by: size).map { start in
            unique[start..<min(start + size, unique.count)]
        }
    }

    /// `?, ?, …` for `count` parameters.
    static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}
