import ArgumentParser
import Foundation
import PipelinePostgres
import PipelineStore

/// `pipeline-bench store-claims --postgres URL`: what the paid-job claim costs each task when
/// many claim at once — `claimPaidJob` then `recordSubmitted` per key, `concurrency` at a time —
/// on PostgreSQL and, beside it in the same run, on SQLite in a temporary file.
struct StoreClaimsBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store-claims",
        abstract: "Measure paid-job claim overhead per task (claim + record) at N concurrent, PostgreSQL and SQLite.")

    @Option(help: "The PostgreSQL to measure (postgres://user@host:port/db); a fresh schema is created and dropped.")
    var postgres: String

    @Option(help: "Paid-job claims to make on each store.")
    var claims = 5_000

    @Option(help: "Claims in flight at once.")
    var concurrency = 50

    @Option(help: "The PostgreSQL store's pool size (connections).")
    var connections = 50

    mutating func run() async throws {
        guard claims > 0, concurrency > 0 else { throw ValidationError("--claims and --concurrency must be positive") }
        let schema = "bench_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        let url = postgres + (postgres.contains("?") ? "&" : "?") + "schema=\(schema)"
        let postgresStore = try await PostgresStateStore(url, maximumConnections: connections)
        let single = min(claims, 500)
        let postgresAlone = try await Self.measure(postgresStore, prefix: "alone", claims: single, concurrency: 1)
        let postgresFigures = try await Self.measure(
            postgresStore, prefix: "many", claims: claims, concurrency: concurrency)
        try await postgresStore.dropSchema()
        await postgresStore.shutdown()

        let folder = NSTemporaryDirectory() + "pipeline-claims-bench-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sqlite = try SQLiteStateStore(path: folder + "/state.db")
        let sqliteAlone = try await Self.measure(sqlite, prefix: "alone", claims: single, concurrency: 1)
        let sqliteFigures = try await Self.measure(sqlite, prefix: "many", claims: claims, concurrency: concurrency)

        print("paid-job claims (claimPaidJob + recordSubmitted per key)")
        print("PostgreSQL \(postgresStore.path), pool \(connections):")
        print("  \(single) keys, 1 at a time:       \(postgresAlone)")
        print("  \(claims) keys, \(concurrency) concurrent: \(postgresFigures)")
        print("SQLite \(sqlite.path):")
        print("  \(single) keys, 1 at a time:       \(sqliteAlone)")
        print("  \(claims) keys, \(concurrency) concurrent: \(sqliteFigures)")
    }

    /// One claim and its record per key, `concurrency` at a time; the figures as one line.
    static func measure(_ store: any StateStore, prefix: String, claims: Int, concurrency: Int) async throws -> String {
        let owner = ProcessIdentity.current
        let runID = "bench-\(prefix)"
        try await store.beginRun(
            RunRecord(
                id: runID, pipeline: "bench", file: "bench.yaml", startedAt: Date(), host: owner.host,
                pid: owner.pid, processStartTicks: owner.startTicks))
        let clock = ContinuousClock()
        let start = clock.now
        let latencies = try await withThrowingTaskGroup(of: [Duration].self) { group in
            for worker in 0..<concurrency {
                group.addTask {
                    var mine: [Duration] = []
                    for n in stride(from: worker, to: claims, by: concurrency) {
                        let key = "\(prefix)-claim-\(n)"
                        let began = clock.now
                        let claim = try await store.claimPaidJob(
                            key: key, taskID: "clips[\(n)]", runID: runID, owner: owner, estimate: 120, at: Date(),
                            replacingJobsBefore: nil, resubmittingUncertain: false)
                        guard claim == .claimed else { throw ValidationError("key \(key) was not claimed: \(claim)") }
                        try await store.recordSubmitted(key: key, projectID: "proj-\(n)", credits: 120, at: Date())
                        mine.append(clock.now - began)
                    }
                    return mine
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }.sorted()
        }
        let total = seconds(clock.now - start)
        let median = seconds(latencies[latencies.count / 2]) * 1000
        let p95 = seconds(latencies[min(latencies.count - 1, latencies.count * 95 / 100)]) * 1000
        return String(
            format: "median %.2f ms per claim, p95 %.2f ms, %.0f claims/s (%.3f ms of wall time per claim)",
            median, p95, Double(claims) / total, total * 1000 / Double(claims))
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
