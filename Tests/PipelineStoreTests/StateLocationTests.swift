import Foundation
import Testing

@testable import PipelineStore

/// Where state lives: files resolved through symbolic links (one run lock per real file), and
/// connection strings printed without their password.
@Suite struct StateLocationTests {
    @Test(arguments: [
        ("postgres://u@h/db", true), ("postgresql://u@h/db", true), ("Postgres://u@h/db", false),
        ("/tmp/postgres://x", false), ("state.sqlite", false), ("postgres:/h/db", false), ("mysql://h/db", false),
    ])
    func connectionStringsAreRecognisedByTheirScheme(_ text: String, _ isConnection: Bool) {
        #expect(StateLocation.isConnectionString(text) == isConnection)
    }

    @Test(arguments: [
        ("postgres://user:pw@host:5432/db", "postgres://user@host:5432/db"),
        ("postgresql://u:pw@h?sslmode=require", "postgresql://u@h?sslmode=require"),
        ("postgres://u:p@ss@host/db", "postgres://u@host/db"),
        ("postgres://user@host/db", "postgres://user@host/db"),
        ("postgres://host/db", "postgres://host/db"),
        ("postgres://host/db?user=a@b", "postgres://host/db?user=a@b"),
        ("postgres://:secret@host/db", "postgres://@host/db"),
        ("u:p@h", "u:p@h"),
    ])
    func descriptionsDropThePassword(_ url: String, _ shown: String) {
        #expect(StateLocation.postgres(url: url).description == shown)
        #expect(StateLocation.withoutPassword(url) == shown)
    }

    @Test func onlyAFileHasAFilePath() {
        #expect(StateLocation.sqlite(path: "/s/state.sqlite").filePath == "/s/state.sqlite")
        #expect(StateLocation.sqlite(path: "/s/state.sqlite").description == "/s/state.sqlite")
        #expect(StateLocation.postgres(url: "postgres://h/db").filePath == nil)
    }

    /// A scratch folder with its symbolic links resolved, removed by the caller.
    static func scratch() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("state-location-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        guard case .sqlite(let real) = StateLocation.file(absolutePath: path) else {
            Issue.record("a file location is not SQLite")
            return path
        }
        return real
    }

    @Test func twoPathsToOneFileAreOneLocation() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/state.sqlite"
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        try FileManager.default.createSymbolicLink(atPath: folder + "/link.sqlite", withDestinationPath: file)
        try FileManager.default.createSymbolicLink(atPath: folder + "/linked", withDestinationPath: folder)
        #expect(StateLocation.file(absolutePath: folder + "/link.sqlite") == .sqlite(path: file))
        #expect(StateLocation.file(absolutePath: folder + "/linked/state.sqlite") == .sqlite(path: file))
        #expect(StateLocation.file(absolutePath: folder + "/./state.sqlite") == .sqlite(path: file))
    }

    @Test func aFileNotYetCreatedIsResolvedThroughItsFolder() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createSymbolicLink(atPath: folder + "/linked", withDestinationPath: folder)
        #expect(
            StateLocation.file(absolutePath: folder + "/linked/new.sqlite") == .sqlite(path: folder + "/new.sqlite"))
    }

    @Test func aPathInAMissingFolderIsKeptAsWritten() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/missing/deeper/state.sqlite"
        #expect(StateLocation.file(absolutePath: path) == .sqlite(path: path))
    }
}

/// The worst of two run outcomes, and the outcome a run's task counts say.
@Suite struct RunOutcomeTests {
    @Test(arguments: [
        (RunOutcome.interrupted, RunOutcome.failed, RunOutcome.interrupted), (.succeeded, .running, .succeeded),
        (.uncertain, .failed, .failed), (.crashed, .interrupted, .interrupted), (.crashed, .failed, .crashed),
        (.uncertain, .succeeded, .uncertain), (.running, .running, .running),
    ])
    func worstIsSymmetric(_ a: RunOutcome, _ b: RunOutcome, _ worst: RunOutcome) {
        #expect(RunOutcome.worst(a, b) == worst)
        #expect(RunOutcome.worst(b, a) == worst)
    }

    @Test func everyOutcomeIsRankedAndWorstIsIdempotent() {
        for outcome in RunOutcome.allCases {
            #expect(RunOutcome.worst(outcome, outcome) == outcome)
            #expect(RunOutcome.worst(outcome, .interrupted) == .interrupted)
            #expect(RunOutcome.worst(outcome, .running) == outcome)
        }
    }

    @Test(arguments: [
        (["failed": 1, "uncertain": 2], RunOutcome.failed), (["uncertain": 1, "succeeded": 5], .uncertain),
        ([:], .succeeded), (["failed": 0, "uncertain": 0], .succeeded), (["skipped": 3, "cached": 1], .succeeded),
    ])
    func fromTaskCounts(_ counts: [String: Int], _ outcome: RunOutcome) {
        #expect(RunOutcome.fromTaskCounts(counts) == outcome)
    }
}

/// `files_json` text the fast path does not take falls back to JSONDecoder, or is refused.
@Suite struct StoredFilesJSONFallbackTests {
    @Test(arguments: [
        (#"[{"path":"\u0041.png","sha256":"s","bytes":1}]"#, [StoredFile(path: "A.png", sha256: "s", bytes: 1)]),
        (#"[{"path":"caf\u00e9","sha256":"s","bytes":2}]"#, [StoredFile(path: "café", sha256: "s", bytes: 2)]),
        (#"[{"sha256":"s","path":"a","bytes":3}]"#, [StoredFile(path: "a", sha256: "s", bytes: 3)]),
        (#"[ ]"#, []), (#"[{"path":"a\/b","sha256":"s","bytes":4}]"#, [StoredFile(path: "a/b", sha256: "s", bytes: 4)]),
        (
            #"[{"path":"a","sha256":"s","bytes":5},{"path":"b","sha256":"t","bytes":6}]"#,
            [StoredFile(path: "a", sha256: "s", bytes: 5), StoredFile(path: "b", sha256: "t", bytes: 6)]
        ),
    ])
    func acceptedForms(_ json: String, _ files: [StoredFile]) {
        #expect(StoredFilesJSON.decode(json) == files)
    }

    @Test(arguments: [
        "[]x", #"[{"path":"a","bytes":1}]"#, #"[{"path":"a","sha256":"s","bytes":"1"}]"#, "{}", "", "[", #"["a"]"#,
    ])
    func refusedForms(_ json: String) {
        #expect(StoredFilesJSON.decode(json) == nil, "\(json)")
    }

    @Test func encodingEscapesOnlyWhatJSONRequires() {
        let json = StoredFilesJSON.encode([StoredFile(path: "a/b \"c\"\\\u{1F}é", sha256: "h", bytes: 7)])
        #expect(json == #"[{"path":"a/b \"c\"\\\u001fé","sha256":"h","bytes":7}]"#)
    }
}
