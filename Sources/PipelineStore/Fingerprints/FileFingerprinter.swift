import Foundation
import PipelineBasics

/// Content hashes of input files, re-reading a file only when its size, modification time
/// (nanoseconds) or inode changed since the store last saw it.
///
/// New fingerprints are saved in one transaction. A file modified less than ``racyWindow`` before
/// it is examined is hashed but not remembered: a same-size rewrite within the file system's
/// timestamp granularity would otherwise keep its old mtime and go unnoticed next time.
public struct FileFingerprinter: Sendable {
    /// Where fingerprints are kept.
    public let store: any StateStore
    /// How many files are hashed at once.
    public let maxConcurrentHashes: Int
    /// Files modified this recently are not remembered (see above).
    public let racyWindow: Duration

    /// Creates a fingerprinter.
    /// - Parameters:
    ///   - store: Where fingerprints are kept.
    ///   - maxConcurrentHashes: Files hashed at once (default: the number of cores).
    ///   - racyWindow: Files modified this recently are hashed every time (default 2 s).
    public init(
        store: any StateStore,
        maxConcurrentHashes: Int = ProcessInfo.processInfo.activeProcessorCount,
        racyWindow: Duration = .seconds(2)
    ) {
        self.store = store
        self.maxConcurrentHashes = max(1, maxConcurrentHashes)
        self.racyWindow = racyWindow
    }

    /// Lower-case hex SHA-256 per path.
    /// - Throws: ``FingerprintError`` for a missing or unreadable file, ``StateStoreError`` from the store.
    public func hashes(of paths: [String]) async throws -> [String: String] {
        try await fingerprint(paths).hashes
    }

    /// Hashes per path, plus which files had to be read.
    /// - Parameter paths: Absolute paths of regular files.
    /// - Throws: ``FingerprintError`` for a missing or unreadable file, ``StateStoreError`` from the store.
    public func fingerprint(_ paths: [String]) async throws -> FingerprintResult {
        let unique = Array(Set(paths))
        let known = try await store.fingerprints(paths: unique)
        var hashes: [String: String] = [:]
        hashes.reserveCapacity(unique.count)
        var stale: [(path: String, status: FileStatus)] = []
        for path in unique {
            let status = try FileStatus.of(path)
            if let fingerprint = known[path], status.matches(fingerprint) {
                hashes[path] = fingerprint.sha256
            } else {
                stale.append((path, status))
            }
        }
        guard !stale.isEmpty else { return FingerprintResult(hashes: hashes, rehashed: []) }

        let fresh = try await hashConcurrently(stale)
        let nowNanoseconds = Int64(Date().timeIntervalSince1970 * 1_000_000_000)
        let racyNanoseconds =
            racyWindow.components.seconds * 1_000_000_000
            + racyWindow.components.attoseconds / 1_000_000_000
        var toSave: [FileFingerprint] = []
        for fingerprint in fresh {
            hashes[fingerprint.path] = fingerprint.sha256
            if nowNanoseconds - fingerprint.modifiedNanoseconds >= racyNanoseconds {
                toSave.append(fingerprint)
            }
        }
        try await store.saveFingerprints(toSave)
        return FingerprintResult(hashes: hashes, rehashed: stale.map(\.path).sorted())
    }

    /// Hashes files on the blocking thread pool (reads stay off the cooperative pool), at most
    /// ``maxConcurrentHashes`` at a time. A file that changed while it was read is reported with
    /// a status that cannot match, so it is not trusted next time.
    private func hashConcurrently(_ files: [(path: String, status: FileStatus)]) async throws -> [FileFingerprint] {
        try await withThrowingTaskGroup(of: FileFingerprint.self) { group in
            var results: [FileFingerprint] = []
            results.reserveCapacity(files.count)
            var next = 0
            func addNext() {
                let file = files[next]
                next += 1
                group.addTask { try await Self.hashOffPool(file.path, before: file.status) }
            }
            while next < min(maxConcurrentHashes, files.count) { addNext() }
            while let result = try await group.next() {
                results.append(result)
                if next < files.count { addNext() }
            }
            return results
        }
    }

    private static func hashOffPool(_ path: String, before: FileStatus) async throws -> FileFingerprint {
        try await Blocking.run {
            let sha256: String
            do throws(FileReadFailure) {
                sha256 = try FileSHA256.hex(ofFileAt: path)
            } catch {
                throw FingerprintError.cannotRead(path: path, reason: error.reason)
            }
            let after = try FileStatus.of(path)
            // Changed while being read: keep the hash for this run, never the fingerprint.
            let modified = after == before ? before.modifiedNanoseconds : Int64.max
            return FileFingerprint(
                path: path, size: before.size, modifiedNanoseconds: modified, inode: before.inode, sha256: sha256)
        }
    }
}
