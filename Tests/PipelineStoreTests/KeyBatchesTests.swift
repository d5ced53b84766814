import Foundation
import Testing

@testable import PipelineStore

/// Long key lists split for `IN (…)` queries, and the values SQLite has no type for.
@Suite struct KeyBatchesTests {
    @Test func batchesHoldDistinctKeysInFirstSeenOrder() {
        let keys = (0..<1201).map { "k\($0)" }
        let batches = KeyBatches.batches(keys + keys.reversed())
        #expect(batches.map(\.count) == [500, 500, 201])
        #expect(batches.flatMap { $0 } == keys, "duplicates are dropped, the first occurrence keeps its place")
    }

    @Test(arguments: [0, 1, 499, 500, 501, 1000])
    func batchCounts(_ count: Int) {
        let batches = KeyBatches.batches((0..<count).map(String.init))
        #expect(batches.count == (count + KeyBatches.size - 1) / KeyBatches.size)
        #expect(batches.allSatisfy { !$0.isEmpty && $0.count <= KeyBatches.size })
        #expect(batches.reduce(0) { $0 + $1.count } == count)
    }

    @Test func placeholdersMatchTheirCount() {
        #expect(KeyBatches.placeholders(0) == "")
        #expect(KeyBatches.placeholders(1) == "?")
        #expect(KeyBatches.placeholders(3) == "?, ?, ?")
        #expect(KeyBatches.placeholders(KeyBatches.size).filter { $0 == "?" }.count == KeyBatches.size)
    }

    @Test func datesAreSecondsSince1970BothWays() {
        let date = Date(timeIntervalSince1970: 1_779_999_999.25)
        #expect(StoredValues.seconds(date) == 1_779_999_999.25)
        #expect(StoredValues.date(StoredValues.seconds(date)) == date)
        #expect(StoredValues.seconds(nil as Date?) == nil)
        #expect(StoredValues.date(nil as Double?) == nil)
        #expect(StoredValues.date(Optional(0.0)) == Date(timeIntervalSince1970: 0))
    }

    @Test func anUnknownEnumValueIsInvalidDataNamingTheColumn() throws {
        #expect(try StoredValues.decode(TaskStatus.self, "cached", column: "status", path: "/s.db") == .cached)
        do {
            _ = try StoredValues.decode(TaskStatus.self, "exploded", column: "status", path: "/s.db")
            Issue.record("an unknown status was decoded")
        } catch let error as StateStoreError {
            guard case .invalidData(let path, let reason) = error else {
                Issue.record("not invalid data: \(error)")
                return
            }
            #expect(path == "/s.db")
            #expect(reason == "unknown status 'exploded'")
        }
    }

    @Test func aFileListThatIsNotJSONIsInvalidData() throws {
        let files = [StoredFile(path: "out/a.png", sha256: "ab", bytes: 3)]
        #expect(try StoredValues.decodeFiles(StoredValues.encodeFiles(files), path: "/s.db") == files)
        do {
            _ = try StoredValues.decodeFiles("[{", path: "/s.db")
            Issue.record("a broken file list was decoded")
        } catch let error as StateStoreError {
            guard case .invalidData(_, let reason) = error else {
                Issue.record("not invalid data: \(error)")
                return
            }
            #expect(reason == "a cache entry's file list is not valid JSON")
        }
    }
}
