import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A `pipeline fake-api` child process on a free loopback port, for tests that drive the real CLI.
final class FakeAPIProcess: Sendable {
    /// The fake's process; what it logs is its standard error.
    let process: Spawned
    let baseURL: String
    let token: String
    let workDirectory: String

    /// What `GET /_fake/stats` answers (the fields the tests read).
    struct Stats: Decodable, Equatable {
        var projectsCreated: Int
        var projectsCreatedPerBody: [String: Int]
        var creditsCharged: Int
        var creditsRefunded: Int
        var balance: Int
        var requestsPerRoute: [String: Int]
        var downloadsCompleted: Int
        /// The most create calls the fake answered at once (with `--create-delay`).
        var maxCreatesInFlight: Int?

        enum CodingKeys: String, CodingKey {
            case projectsCreated = "projects_created"
            case projectsCreatedPerBody = "projects_created_per_body"
            case creditsCharged = "credits_charged"
            case creditsRefunded = "credits_refunded"
            case balance
            case requestsPerRoute = "requests_per_route"
            case downloadsCompleted = "downloads_completed"
            case maxCreatesInFlight = "max_creates_in_flight"
        }

        /// Create calls the fake answered with a project.
        var creates: Int { projectsCreated }

        /// Projects created per project name (`pipeline/task id` by default): the request bodies
        /// differ between two creates of the same task only by the upload path, so the name is
        /// what identifies a task.
        var projectsPerName: [String: Int] {
            var result: [String: Int] = [:]
            for (body, count) in projectsCreatedPerBody {
                let object = (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any]
                let name = object?["name"] as? String ?? body
                result[name, default: 0] += count
            }
            return result
        }
    }

    /// Starts the fake and waits for its base URL line.
    init(
        token: String = "mhk_test_engine_tests", renderTime: Double = 0.5, extraArguments: [String] = []
    ) async throws {
        self.token = token
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("fake-api-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        workDirectory = scratch + "/work"
        let process = try await Spawned.start(
            CommandRunner.executable,
            [
                "fake-api", "--port", "0", "--token", token, "--render-time", String(renderTime), "--balance",
                "100000000", "--work-dir", workDirectory,
            ] + extraArguments)
        self.process = process
        // The first line of standard output is the base URL.
        let deadline = ContinuousClock.now + .seconds(30)
        while !process.outputSoFar.contains("\n"), process.isRunning, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        let line = process.outputSoFar.split(separator: "\n").first.map(String.init) ?? ""
        guard line.hasPrefix("http://") else {
            process.signal(SIGKILL)
            throw FakeAPIError(message: "fake-api printed no base URL: '\(line)'")
        }
        baseURL = line
    }

    struct FakeAPIError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// `GET /_fake/stats`.
    func stats() async throws -> Stats {
        let data = try await Self.get(baseURL + "/_fake/stats")
        return try JSONDecoder().decode(Stats.self, from: data)
    }

    /// A project as the API shows it (`GET /v1/video-projects/{id}`), parsed loosely.
    func project(_ id: String) async throws -> [String: Any] {
        let data = try await Self.get(baseURL + "/v1/video-projects/" + id, bearer: token)
        return (try JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
    }

    /// The bytes at a URL (a download URL of the fake).
    func fetch(_ url: String) async throws -> Data {
        try await Self.get(url)
    }

    /// Asks the fake to stop (SIGTERM) and removes its folder; it is SIGKILLed if it lingers
    /// past 5 seconds. Returns at once: ``stopped()`` waits for the exit.
    func stop() {
        process.signal(SIGTERM)
        let process = process
        Task {
            try await Task.sleep(for: .seconds(5))
            process.signal(SIGKILL)
        }
        try? FileManager.default.removeItem(atPath: (workDirectory as NSString).deletingLastPathComponent)
    }

    /// Stops the fake (SIGTERM, then SIGKILL past 5 seconds) and waits until it has exited.
    func stopped() async throws {
        process.signal(SIGTERM)
        _ = try await process.finish(timeout: 5, recordTimeout: false)
        stop()
    }

    deinit { stop() }

    /// A GET through curl (no FoundationNetworking needed); fails on HTTP errors.
    static func get(_ url: String, bearer: String? = nil) async throws -> Data {
        var arguments = ["-sS", "--fail", "--max-time", "30"]
        if let bearer { arguments += ["-H", "Authorization: Bearer \(bearer)"] }
        arguments.append(url)
        let result = try await Spawned.start("/usr/bin/env", ["curl"] + arguments).finish(timeout: 40)
        guard result.status == 0 else {
            throw FakeAPIError(message: "curl \(url) failed (\(result.status)): \(result.standardError)")
        }
        return result.outputData
    }
}

/// A temporary folder with a pipeline file and small images, for one test.
struct PipelineWorkspace {
    let directory: String

    static let assets = CommandRunner.repository + "/pipelines/assets"

    init(_ label: String) throws {
        directory =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("engine-\(label)-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory + "/assets", withIntermediateDirectories: true)
    }

    /// Copies an image from `pipelines/assets` (e.g. `products/backpack.png`) to `assets/NAME`.
    @discardableResult
    func addImage(_ source: String, as name: String? = nil) throws -> String {
        let target = "assets/" + (name ?? URL(fileURLWithPath: source).lastPathComponent)
        try FileManager.default.copyItem(atPath: Self.assets + "/" + source, toPath: path(target))
        return target
    }

    func write(_ name: String, _ text: String) throws {
        try text.write(toFile: path(name), atomically: true, encoding: .utf8)
    }

    func path(_ relative: String) -> String { directory + "/" + relative }

    func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path(relative)) }

    /// Every file below `relative`, with its size and modification time, sorted.
    func listing(_ relative: String) -> [String] {
        let root = path(relative)
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
        var lines: [String] = []
        while let entry = enumerator.nextObject() as? String {
            var info = stat()
            guard lstat(root + "/" + entry, &info) == 0 else { continue }
            lines.append("\(entry) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)")
        }
        return lines.sorted()
    }

    /// Size and modification time of one file, or nil when it does not exist.
    func fingerprint(_ relative: String) -> String? {
        var info = stat()
        guard lstat(path(relative), &info) == 0 else { return nil }
        return "\(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }

    /// A file's bytes.
    func contents(_ relative: String) -> Data? { FileManager.default.contents(atPath: path(relative)) }

    /// The environment a run gets: no inherited Magic Hour settings, fast polling and backoff.
    static func environment(token: String?, extra: [String: String] = [:]) -> [String: String] {
        let inherited = ProcessInfo.processInfo.environment
        var environment: [String: String] = [
            "PATH": inherited["PATH"] ?? "/usr/local/bin:/usr/bin:/bin", "HOME": inherited["HOME"] ?? "/tmp",
            "MAGIC_HOUR_POLL_INTERVAL": "0.1", "PIPELINE_BACKOFF_SCALE": "0.01",
        ]
        if let token { environment["MAGIC_HOUR_API_KEY"] = token }
        environment.merge(extra) { $1 }
        return environment
    }

    /// Runs `pipeline ARGS…` here to its end.
    func pipeline(
        _ arguments: [String], token: String?, extraEnvironment: [String: String] = [:], timeout: Double = 120
    ) async throws -> Spawned.Result {
        try await Spawned.pipeline(
            arguments, in: directory, environment: Self.environment(token: token, extra: extraEnvironment)
        )
        .finish(timeout: timeout)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }
}
