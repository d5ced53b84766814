import ArgumentParser
import Foundation
import PipelineBasics
import PipelineStore

#if canImport(Glibc)
    import Glibc
#endif

/// `pipeline-bench store`: the state store's figures — durable commits per second, batched
/// cache lookups, and fingerprinting unchanged input files.
struct StoreBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Measure the state store: paid-job commits/s, batched cache lookups, no-op fingerprinting.")

    @Option(help: "recordIntent+recordSubmitted pairs to time with synchronous=NORMAL.")
    var pairs = 2_000

    @Option(help: "Pairs to time with synchronous=FULL (fsync per commit); 0 skips it.")
    var fullPairs = 200

    @Option(help: "Cache keys to look up in one cacheEntries(keys:) call.")
    var keys = 10_000

    @Option(help: "Small input files to fingerprint.")
    var files = 10_000

    @Option(help: "Folder for the benchmark's files (default: a fresh temporary folder, removed afterwards).")
    var folder: String?

    mutating func run() async throws {
        let root = folder ?? NSTemporaryDirectory() + "pipeline-store-bench-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer {
            if folder == nil {
                for n in 0..<files { unlink(root + "/inputs/image-\(n).png") }
                try? FileManager.default.removeItem(atPath: root)
            }
        }
        print("state store benchmark in \(root)")

        let normal = try SQLiteStateStore(path: root + "/normal/state.db")
        let normalRate = try await Self.commitPairs(normal, count: pairs)
        Self.report("paid-job commits, synchronous=NORMAL", "\(pairs) pairs", normalRate)
        if fullPairs > 0 {
            let full = try SQLiteStateStore(path: root + "/full/state.db", synchronous: .full)
            let fullRate = try await Self.commitPairs(full, count: fullPairs)
            Self.report("paid-job commits, synchronous=FULL", "\(fullPairs) pairs", fullRate)
        }

        try await lookups(normal)
        try await fingerprinting(normal, root: root + "/inputs")
    }

    /// Sequential intent+submitted pairs, each its own transaction, as the engine writes them.
    private static func commitPairs(_ store: SQLiteStateStore, count: Int) async throws -> String {
        let clock = ContinuousClock()
        let elapsed = try await clock.measure {
            for n in 0..<count {
                let key = "bench-\(n)"
                try await store.recordIntent(key: key, taskID: "clips[\(n)]", runID: "bench", at: Date())
                try await store.recordSubmitted(key: key, projectID: "proj-\(n)", credits: 300, at: Date())
            }
        }
        let total = Self.seconds(elapsed)
        let pairRate = Double(count) / total
        return String(
            format: "%.0f pairs/s = %.0f commits/s (%.3f ms per pair)", pairRate, pairRate * 2,
            total * 1000 / Double(count))
    }

    private func lookups(_ store: SQLiteStateStore) async throws {
        let all = (0..<keys).map { "cache-key-\($0)" }
        let entries = all.map { key in
            CacheEntry(
                key: key, stage: "clips", taskID: "clips[\(key)]", stageType: "magic_hour.image_to_video",
                outputsJSON: #"{"path":"out/\#(key).mp4","project_id":"p-\#(key)"}"#,
                files: [StoredFile(path: "out/\(key).mp4", sha256: String(repeating: "0", count: 64), bytes: 1 << 20)],
                runID: "bench", createdAt: Date())
        }
        let clock = ContinuousClock()
        let saveTime = try await clock.measure { try await store.saveCacheEntries(entries) }
        var times: [Duration] = []
        for _ in 0..<5 {
            var found = 0
            times.append(try await clock.measure { found = try await store.cacheEntries(keys: all).count })
            guard found == keys else { throw ValidationError("lookup found \(found) of \(keys)") }
        }
        times.sort()
        Self.report("saveCacheEntries, one transaction", "\(keys) entries", Self.ms(saveTime))
        Self.report(
            "cacheEntries(keys:)", "\(keys) keys",
            "median \(Self.ms(times[2])), best \(Self.ms(times[0])) (5 runs)")
    }

    private func fingerprinting(_ store: SQLiteStateStore, root: String) async throws {
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        // Plain syscalls: Foundation's Data.write and FileManager.removeItem take milliseconds
        // per file on Linux, which would dwarf what is measured.
        let hourAgo = timespec(tv_sec: time(nil) - 3600, tv_nsec: 0)
        var paths: [String] = []
        paths.reserveCapacity(files)
        let setupStart = ContinuousClock.now
        for n in 0..<files {
            let path = root + "/image-\(n).png"
            let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw ValidationError("cannot create \(path)") }
            let bytes = Array("small input file number \(n)\n".utf8)
            _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            // Inputs are normally older than the racy window; make these so too.
            var times = [hourAgo, hourAgo]
            _ = futimens(fd, &times)
            close(fd)
            paths.append(path)
        }
        Self.report("(setup: write small files)", "\(files) files", Self.ms(ContinuousClock.now - setupStart))
        let fingerprinter = FileFingerprinter(store: store)
        let clock = ContinuousClock()
        var first = FingerprintResult(hashes: [:], rehashed: [])
        let firstTime = try await clock.measure { first = try await fingerprinter.fingerprint(paths) }
        var second = FingerprintResult(hashes: [:], rehashed: [])
        let secondTime = try await clock.measure { second = try await fingerprinter.fingerprint(paths) }
        guard second.rehashed.isEmpty, second.hashes == first.hashes else {
            throw ValidationError("the second pass re-hashed \(second.rehashed.count) files")
        }
        Self.report("fingerprint, first pass (hash all)", "\(files) files", Self.ms(firstTime))
        Self.report("fingerprint, second pass (unchanged)", "\(files) files", Self.ms(secondTime))
    }

    /// Prints one result line, flushed at once so that progress shows when the output is piped.
    private static func report(_ what: String, _ size: String, _ figure: String) {
        print(
            what.padding(toLength: 40, withPad: " ", startingAt: 0)
                + size.padding(toLength: 16, withPad: " ", startingAt: 0)
                + figure)
        fflush(nil)
    }

    private static func seconds(_ duration: Duration) -> Double {
        duration.seconds
    }

    private static func ms(_ duration: Duration) -> String {
        String(format: "%.1f ms", Self.seconds(duration) * 1000)
    }
}
