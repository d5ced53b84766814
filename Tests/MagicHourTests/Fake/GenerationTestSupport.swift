import AsyncHTTPClient
import Foundation
import MagicHour
import MagicHourFake
import MagicHourRules
import NIOCore
import NIOHTTP1
import Subprocess

/// Real input files for the generation endpoints' tests, made once per process with ffmpeg: a
/// 320×240 PNG, a 10 s 24 fps MP4 with a soundtrack, a 5 s MP3.
enum GenerationInputs {
    struct Files: Sendable {
        var png: String
        var mp4: String
        var mp3: String

        /// The file of an example value (`photo.png`, `clip.mp4`, `speech.mp3`).
        func file(for media: MediaKind) -> String {
            switch media {
            case .image: png
            case .video: mp4
            case .audio: mp3
            }
        }
    }

    /// The length and frame rate of ``Files/mp4``.
    static let videoFacts = MediaFacts(durationSeconds: 10, framesPerSecond: 24)
    /// The length of ``Files/mp3``.
    static let audioFacts = MediaFacts(durationSeconds: 5)

    private static let made: Task<Files, any Error> = Task {
        let folder = try TestHarness.temporaryDirectory()
        let files = Files(png: folder + "/photo.png", mp4: folder + "/clip.mp4", mp3: folder + "/speech.mp3")
        try await ffmpeg(["-f", "lavfi", "-i", "testsrc=size=320x240:rate=1", "-frames:v", "1", files.png])
        try await ffmpeg([
            "-f", "lavfi", "-i", "testsrc=size=320x240:rate=24", "-f", "lavfi", "-i", "sine=frequency=300",
            "-t", "10", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac",
            "-shortest", files.mp4,
        ])
        try await ffmpeg(["-f", "lavfi", "-i", "sine=frequency=500", "-t", "5", "-c:a", "libmp3lame", files.mp3])
        return files
    }

    static func files() async throws -> Files { try await made.value }

    /// Runs ffmpeg through swift-subprocess, as the fake does: Foundation's `Process` would
    /// install its own SIGCHLD handling in the test process, and the fake's ffmpeg children
    /// would then never be reaped (their renders stay `rendering`).
    private static func ffmpeg(_ arguments: [String]) async throws {
        let result = try await Subprocess.run(
            .name("ffmpeg"),
            arguments: Arguments(["-hide_banner", "-loglevel", "error", "-nostdin", "-y"] + arguments),
            output: .discarded, error: .discarded)
        guard result.terminationStatus.isSuccess else { throw InputError(arguments: arguments) }
    }

    struct InputError: Error {
        var arguments: [String]
    }
}

/// Raw HTTP against a fake, for the routes the client does not wrap.
struct FakeHTTP {
    let fake: FakeMagicHourServer
    let http: HTTPClient

    /// Runs `body` with a client, shut down afterwards.
    static func with<T>(_ fake: FakeMagicHourServer, _ body: (FakeHTTP) async throws -> T) async throws -> T {
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            let result = try await body(FakeHTTP(fake: fake, http: http))
            try await http.shutdown()
            return result
        } catch {
            try? await http.shutdown()
            throw error
        }
    }

    /// `(status, body)` of a request to `path` (or an absolute URL) with the token.
    func send(
        _ method: HTTPMethod, _ path: String, json: JSON? = nil, authorized: Bool = true
    ) async throws -> (
        Int, Data
    ) {
        var request = HTTPClientRequest(url: path.hasPrefix("http") ? path : fake.baseURL + path)
        request.method = method
        if authorized { request.headers.add(name: "Authorization", value: "Bearer \(TestHarness.token)") }
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: try json.encoded()))
        }
        let response = try await http.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 64 << 20)
        return (Int(response.status.code), Data(body.readableBytesView))
    }

    /// `GET /v1/<kind>-projects/{id}` until it is no longer queued or rendering.
    func waitForProject(_ id: String, kind: ProjectKind) async throws -> JSON {
        let deadline = ContinuousClock.now + .seconds(60)
        while true {
            let (status, data) = try await send(.GET, "/v1/\(kind.projectsSegment)/\(id)")
            let json = try JSON.parse(data)
            let state = json["status"]?.string
            if status != 200 || (state != "queued" && state != "rendering") || ContinuousClock.now > deadline {
                return json
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}

extension JSON {
    /// The value as JSON text.
    func encoded() throws -> Data {
        switch self {
        case .null: Data("null".utf8)
        case .bool(let on): Data((on ? "true" : "false").utf8)
        case .number(let number): try JSONEncoder().encode(number)
        case .string(let text): try JSONEncoder().encode(text)
        case .array(let items):
            Data("[".utf8) + (try items.map { try $0.encoded() }.joined(separator: Data(",".utf8))) + Data("]".utf8)
        case .object(let fields):
            Data("{".utf8)
                + (try fields.sorted { $0.key < $1.key }.map {
                    try JSONEncoder().encode($0.key) + Data(":".utf8) + $0.value.encoded()
                }
                .joined(separator: Data(",".utf8))) + Data("}".utf8)
        }
    }

    var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    var array: [JSON]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// A copy with `value` at `path` (objects made on the way); `nil` removes it.
    func setting(_ path: [String], to value: JSON?) -> JSON {
        guard let key = path.first else { return value ?? .null }
        var object: [String: JSON] = [:]
        if case .object(let fields) = self { object = fields }
        if path.count == 1 {
            object[key] = value
        } else {
            object[key] = (object[key] ?? .object([:])).setting(Array(path.dropFirst()), to: value)
        }
        return .object(object)
    }
}
