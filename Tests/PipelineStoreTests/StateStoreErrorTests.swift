import Foundation
import PipelineBasics
import PipelineStore
import Testing

/// What the store's errors say: the state file (or the server without credentials), what went
/// wrong, what to do, and never a CLI flag: where the fix is another state file, the message
/// carries the `Remedy` phrase that the CLI spells as its flag.
@Suite struct StateStoreErrorTests {
    static let file = "/data/.pipeline/state.db"
    static let server = "postgres://pipeline@db.example:5432/ledger"

    /// One of every case, about the file or the server.
    static let every: [StateStoreError] = [
        .cannotOpen(path: file, reason: "Permission denied"),
        .corrupt(path: file, reason: "file is not a database"),
        .migrationFailed(path: server, reason: "relation exists"),
        .newerSchema(path: file, unknownMigrations: ["v9-claims", "v10-leases"]),
        .diskFull(path: file),
        .busy(path: file, timeoutSeconds: 5),
        .readOnly(path: file, reason: "read-only file system"),
        .io(path: file, reason: "disk I/O error"),
        .invalidData(path: file, reason: "unknown task status 'paused'"),
        .duplicate(what: "run r1", path: file),
        .notFound(what: "run r2", path: server),
        .paidJobConflict(key: "abc123", state: .submitted, projectID: "proj-7", path: file),
        .fenced(taskID: "clips[0]", path: server),
        .database(path: file, code: 19, reason: "constraint failed"),
        .unreachable(path: server, reason: "connection refused"),
        .rejected(path: server, reason: "password authentication failed"),
        .server(path: server, sqlState: "40001", reason: "could not serialize access"),
    ]

    @Test func everyMessageNamesItsStoreAndNoFlag() {
        for error in Self.every {
            #expect(error.description.contains(error.path), "\(error)")
            #expect(!error.description.contains("--"), "a store error names a flag: \(error)")
            #expect(error.description.hasSuffix("."), "\(error)")
        }
    }

    @Test func thePathIsTheOneEachCaseWasGiven() {
        #expect(Self.every.filter { $0.path == Self.server }.count == 6)
        #expect(Self.every.filter { $0.path == Self.file }.count == Self.every.count - 6)
    }

    @Test func anotherStateFileIsSuggestedInWordsWhereItHelps() {
        let suggesting = Self.every.filter { $0.description.contains(Remedy.anotherStateFile.phrase) }
        #expect(
            suggesting == [
                .cannotOpen(path: Self.file, reason: "Permission denied"),
                .newerSchema(path: Self.file, unknownMigrations: ["v9-claims", "v10-leases"]),
                .readOnly(path: Self.file, reason: "read-only file system"),
            ])
    }

    @Test func aNewerSchemaListsTheMigrationsItDoesNotKnow() {
        let text = StateStoreError.newerSchema(path: Self.server, unknownMigrations: ["v9", "v10"]).description
        #expect(text.hasPrefix("the state store \(Self.server) was written by a newer version of pipeline"))
        #expect(text.contains("(unknown schema migrations: v9, v10)"))
    }

    @Test func aServerIsCalledAStoreAndAFileAFile() {
        #expect(
            StateStoreError.duplicate(what: "run r1", path: Self.file).description
                == "run r1 already exists in the state file \(Self.file).")
        #expect(
            StateStoreError.duplicate(what: "run r1", path: Self.server).description
                == "run r1 already exists in the state store \(Self.server).")
        #expect(
            StateStoreError.notFound(what: "task t", path: Self.server).description
                == "task t does not exist in the state store \(Self.server).")
    }

    @Test func aPaidJobConflictSaysWhatWasCreated() {
        let text = StateStoreError.paidJobConflict(key: "k1", state: .submitted, projectID: nil, path: Self.file)
            .description
        #expect(text.contains("cache key k1"))
        #expect(text.contains("state submitted, project unknown"))
        let known = StateStoreError.paidJobConflict(key: "k1", state: .complete, projectID: "p-9", path: Self.file)
        #expect(known.description.contains("state complete, project p-9"))
    }

    @Test func theBusyTimeoutIsInTheMessage() {
        #expect(StateStoreError.busy(path: Self.file, timeoutSeconds: 2.5).description.contains("more than 2.5 s"))
    }

    @Test func errorsAreEqualOnlyWithEqualDetails() {
        #expect(StateStoreError.diskFull(path: "a") == .diskFull(path: "a"))
        #expect(StateStoreError.diskFull(path: "a") != .diskFull(path: "b"))
        #expect(StateStoreError.fenced(taskID: "t", path: "a") != .fenced(taskID: "u", path: "a"))
        #expect(
            StateStoreError.database(path: "a", code: 1, reason: "x") != .database(path: "a", code: 2, reason: "x"))
    }

    @Test func aStateFileInAMissingFolderThatCannotBeCreatedCannotBeOpened() throws {
        // /proc cannot hold new folders: the store says it cannot open the file, naming it.
        let path = "/proc/pipeline-\(UUID().uuidString)/state.db"
        do {
            _ = try SQLiteStateStore(path: path)
            Issue.record("a store was opened at \(path)")
        } catch let error as StateStoreError {
            #expect(error.path == path)
            #expect(error.description.contains(path))
            #expect(!error.description.contains("--"))
        }
    }
}
