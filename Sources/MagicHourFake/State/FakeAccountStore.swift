import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a persistent fake keeps on disk: `account.json` in its state folder.
struct FakeAccountFile: Codable, Sendable {
    var version = 1
    var balance: Int
    var uploads: [String: FakeUpload] = [:]
    var projects: [String: FakeProject] = [:]
    var downloadTokens: [String: DownloadGrant] = [:]
}

/// What a download URL's token grants, and until when.
struct DownloadGrant: Codable, Sendable {
    var projectID: String
    var expiresAt: Date
}

/// Why a persistent fake could not read or write its state.
public struct FakeStateError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, with the file.
    public let description: String
}

/// Reads and writes a persistent fake's state file: under an advisory lock (`account.lock`), so
/// that fakes sharing a folder do not lose each other's projects, and atomically (a temporary
/// file, then a rename), so that a crash leaves the old state or the new one, never half of one.
struct FakeAccountStore: Sendable {
    let directory: String

    var file: String { directory + "/account.json" }
    private var lockFile: String { directory + "/account.lock" }

    /// The state on disk; `nil` when there is none yet.
    func load() throws(FakeStateError) -> FakeAccountFile? {
        guard let data = FileManager.default.contents(atPath: file) else { return nil }
        do {
            let decoder = JSONDecoder()
            return try decoder.decode(FakeAccountFile.self, from: data)
        } catch {
            throw FakeStateError(description: "\(file) is not a simulated API state file: \(error)")
        }
    }

    /// Runs `body` while holding the folder's lock.
    func locked<T>(_ body: () throws(FakeStateError) -> T) throws(FakeStateError) -> T {
        let descriptor = open(lockFile, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw FakeStateError(description: "cannot open \(lockFile): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_EX) == 0 else {
            throw FakeStateError(description: "cannot lock \(lockFile): \(String(cString: strerror(errno)))")
        }
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }

    /// Replaces the state file atomically: a temporary file beside it, then a rename.
    func write(_ state: FakeAccountFile) throws(FakeStateError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data: Data
        do { data = try encoder.encode(state) } catch {
            throw FakeStateError(description: "cannot encode the simulated API state: \(error)")
        }
        let temporary = file + ".tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: data) else {
            throw FakeStateError(description: "cannot write \(temporary)")
        }
        guard rename(temporary, file) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw FakeStateError(description: "cannot replace \(file): \(reason)")
        }
    }
}
