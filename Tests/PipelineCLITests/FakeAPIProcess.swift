import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A `pipeline fake-api` child process on a free loopback port, for tests that drive the real CLI.
final class FakeAPIProcess: @unchecked Sendable {
    let process: Process
    let baseURL: String
    let token: String
    let workDirectory: String
    private let logFile: String

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
    init(token: String = "mhk_test_engine_tests", renderTime: Double = 0.5, extraArguments: [String] = []) throws {
        self.token = token
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("fake-api-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        workDirectory = scratch + "/work"
        logFile = scratch + "/fake.log"
        _ = FileManager.default.createFile(atPath: logFile, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandRunner.executable)
        process.arguments =
            [
                "fake-api", "--port", "0", "--token", token, "--render-time", String(renderTime), "--balance",
                "100000000",
                "--work-dir", workDirectory,
            ] + extraArguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle(forWritingAtPath: logFile)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        self.process = process
        // The first line of standard output is the base URL.
        let reader = output.fileHandleForReading
        var buffer = Data()
        let deadline = Date().addingTimeInterval(30)
        while !buffer.contains(0x0A), Date() < deadline {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
        }
        let line = String(decoding: buffer, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
        guard line.hasPrefix("http://") else {
            process.terminate()
            throw FakeAPIError(message: "fake-api printed no base URL: '\(line)'")
        }
        baseURL = line
        // Keep draining standard output so the fake can never block on a full pipe.
        DispatchQueue.global().async { _ = reader.readDataToEndOfFile() }
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

    /// Stops the fake (SIGTERM, then SIGKILL if it lingers).
    func stop() {
        if process.isRunning {
            process.terminate()
            let deadline = Date().addingTimeInterval(5)
            while process.isRunning, Date() < deadline { usleep(20_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        try? FileManager.default.removeItem(atPath: (workDirectory as NSString).deletingLastPathComponent)
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

/// A child process whose output goes to temporary files, so a test can signal it, wait for it
/// without blocking a thread, and read everything it printed.
final class Spawned: @unchecked Sendable {
    let process: Process
    private let outPath: String
    private let errPath: String

    struct Result {
        var status: Int32
        var outputData: Data
        var standardOutput: String
        var standardError: String
        /// Both streams, for assertions about what the user saw.
        var allOutput: String { standardOutput + standardError }
    }

    private init(process: Process, outPath: String, errPath: String) {
        self.process = process
        self.outPath = outPath
        self.errPath = errPath
    }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }

    static func start(
        _ executable: String, _ arguments: [String], in directory: String? = nil, environment: [String: String]? = nil
    ) throws -> Spawned {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("spawned-\(UUID().uuidString)").path
        let outPath = base + ".out"
        let errPath = base + ".err"
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        if let environment { process.environment = environment }
        process.standardOutput = FileHandle(forWritingAtPath: outPath)
        process.standardError = FileHandle(forWritingAtPath: errPath)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return Spawned(process: process, outPath: outPath, errPath: errPath)
    }

    /// `pipeline ARGS…` in `directory`.
    static func pipeline(_ arguments: [String], in directory: String, environment: [String: String]) throws -> Spawned {
        try start(CommandRunner.executable, arguments, in: directory, environment: environment)
    }

    func signal(_ number: Int32) {
        if process.isRunning { kill(process.processIdentifier, number) }
    }

    /// What it has printed so far.
    var outputSoFar: String {
        String(decoding: FileManager.default.contents(atPath: outPath) ?? Data(), as: UTF8.self)
    }

    /// Waits (without blocking a thread) for the exit; SIGKILLs it after `timeout` seconds.
    func finish(timeout: Double = 120) async throws -> Result {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                Issue.record("process \(process.arguments ?? []) did not finish within \(timeout) s; killed")
                break
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        process.waitUntilExit()
        let out = FileManager.default.contents(atPath: outPath) ?? Data()
        let err = FileManager.default.contents(atPath: errPath) ?? Data()
        try? FileManager.default.removeItem(atPath: outPath)
        try? FileManager.default.removeItem(atPath: errPath)
        return Result(
            status: process.terminationStatus, outputData: out, standardOutput: String(decoding: out, as: UTF8.self),
            standardError: String(decoding: err, as: UTF8.self))
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
