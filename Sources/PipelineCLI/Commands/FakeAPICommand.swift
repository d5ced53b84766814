import ArgumentParser
import Foundation
import MagicHourFake

/// `pipeline fake-api` — a local stand-in for the Magic Hour API.
struct FakeAPICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fake-api",
        abstract: "Serve a fake Magic Hour API on this machine.",
        discussion: """
            Serves upload URLs, image-to-video projects that render after --render-time into real MP4 files \
            showing the uploaded image (ffmpeg, libx264), expiring download URLs, credits and refunds, and \
            injected faults. Prints its base URL as the first line of standard output, then serves until \
            SIGINT or SIGTERM. GET /_fake/stats shows what it has seen.
            """
    )

    @Option(help: "Port to listen on; 0 picks a free one.")
    var port: Int = 8787

    @Option(help: "Interface to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "The API key it accepts. Default: $MAGIC_HOUR_API_KEY, else mhk_test_fake_token.")
    var token: String?

    @Option(help: "Starting credit balance.")
    var balance: Int = 100_000

    @Option(help: "The account's tier as GET /v1/account answers it: free, creator, pro or business.")
    var tier = "creator"

    @Option(help: "Seconds each create call takes before it is answered (GET /_fake/stats: max_creates_in_flight).")
    var createDelay: Double = 0

    @Option(
        help:
            "A completed project's final credits_charged is the create answer's estimate times this (1: no correction)."
    )
    var finalCreditsFactor: Double = 1

    @Option(help: "Seconds from create until a project is complete (the median with --render-spread).")
    var renderTime: Double = 5

    @Option(
        help:
            "σ of the logarithm of each project's render time around --render-time (log-normal, drawn from --seed); 0: all equal."
    )
    var renderSpread: Double = 0

    @Option(help: "Seconds a download URL stays valid (403 after).")
    var urlExpiry: Double = 86_400

    @Option(help: "Seconds an upload URL stays valid.")
    var uploadUrlExpiry: Double = 3_600

    @Option(help: "Resolutions on the plan, comma-separated; others answer 403.")
    var resolutions: String = VideoResolution.allCases.map(\.rawValue).joined(separator: ",")

    @Option(help: "Status for 'out of credits': 402, or 422 as servers before 2026-03.")
    var outOfCreditsStatus: Int = 402

    @Option(help: "Share (0-1) of requests answered 429; half carry Retry-After.")
    var rateLimited: Double = 0

    @Option(help: "Retry-After seconds sent with 429s.")
    var retryAfter: Int = 1

    @Option(help: "Share of requests answered 500, 502 or 503.")
    var serverErrors: Double = 0

    @Option(help: "Share of requests whose connection is dropped before the answer.")
    var droppedConnections: Double = 0

    @Option(help: "Share of requests answered slowly.")
    var slowResponses: Double = 0

    @Option(help: "Seconds of delay of a slow response.")
    var slowDelay: Double = 2

    @Option(help: "Share of downloads cut off halfway.")
    var truncatedDownloads: Double = 0

    @Option(help: "Share of projects that end in error (refunded).")
    var projectErrors: Double = 0

    @Option(help: "Share of projects that end canceled (refunded).")
    var projectCancels: Double = 0

    @Option(help: "Share of creates answered 400 with the Authorization header echoed in the message.")
    var echoAuthorization: Double = 0

    @Option(help: "Seed of ids and random faults.")
    var seed: UInt64 = 42

    @Option(help: "Folder for uploads and rendered videos (default: a temporary folder, removed at exit).")
    var workDir: String?

    @Option(
        help:
            "Folder where it keeps its projects, uploads, videos and balance across restarts (default: forgotten at exit).",
        completion: .directory)
    var stateDir: String?

    @Flag(help: "Log every request to standard error.")
    var verbose = false

    func validate() throws {
        for (name, rate) in [
            ("rate-limited", rateLimited), ("server-errors", serverErrors), ("dropped-connections", droppedConnections),
            ("slow-responses", slowResponses), ("truncated-downloads", truncatedDownloads),
            ("project-errors", projectErrors), ("project-cancels", projectCancels),
            ("echo-authorization", echoAuthorization),
        ] where !(0...1).contains(rate) {
            throw ValidationError("--\(name) must be between 0 and 1")
        }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard (0...3600).contains(createDelay) else { throw ValidationError("--create-delay: 0 to 3600 seconds") }
        guard renderSpread >= 0, renderSpread <= 3 else { throw ValidationError("--render-spread: 0 to 3") }
        guard renderTime >= 0, urlExpiry > 0, uploadUrlExpiry > 0, slowDelay >= 0 else {
            throw ValidationError("times must not be negative")
        }
        guard finalCreditsFactor >= 0, finalCreditsFactor.isFinite else {
            throw ValidationError("--final-credits-factor must not be negative")
        }
        guard [402, 422].contains(outOfCreditsStatus) else {
            throw ValidationError("--out-of-credits-status: 402 or 422")
        }
        _ = try planResolutions()
        guard AccountTier(rawValue: tier) != nil else {
            throw ValidationError("--tier: \(AccountTier.namesText)")
        }
    }

    func run() async throws {
        var configuration = FakeServerConfiguration(
            host: host,
            port: port,
            acceptedToken: token ?? ProcessInfo.processInfo.environment["MAGIC_HOUR_API_KEY"] ?? "mhk_test_fake_token",
            balance: balance,
            renderTime: .seconds(renderTime),
            downloadURLExpiry: .seconds(urlExpiry),
            uploadURLExpiry: .seconds(uploadUrlExpiry),
            allowedResolutions: try planResolutions(),
            outOfCreditsStatus: outOfCreditsStatus,
            faults: FaultRates(
                rateLimited: rateLimited, retryAfterSeconds: retryAfter, serverError: serverErrors,
                droppedConnection: droppedConnections, slowResponse: slowResponses,
                slowResponseDelay: .seconds(slowDelay),
                truncatedDownload: truncatedDownloads, projectError: projectErrors, projectCanceled: projectCancels,
                echoAuthorization: echoAuthorization),
            seed: seed,
            workDirectory: workDir,
            stateDirectory: stateDir)
        configuration.renderTimeSpread = renderSpread
        configuration.tier = AccountTier(rawValue: tier) ?? .creator
        configuration.createDelay = .milliseconds(Int64(createDelay * 1000))
        configuration.finalCreditsFactor = finalCreditsFactor
        try await FakeMagicHourServer.run(configuration, verbose: verbose) { baseURL in
            FileHandle.standardOutput.write(Data("\(baseURL)\n".utf8))
        }
    }

    private func planResolutions() throws -> Set<VideoResolution> {
        var set: Set<VideoResolution> = []
        for name in resolutions.split(separator: ",") {
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard let resolution = VideoResolution(rawValue: trimmed) else {
                throw ValidationError(
                    "--resolutions: unknown resolution '\(trimmed)' ("
                        + VideoResolution.allCases.map(\.rawValue).joined(separator: ", ") + ")")
            }
            set.insert(resolution)
        }
        return set
    }
}
