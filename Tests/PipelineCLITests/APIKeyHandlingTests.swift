import Foundation
import Testing

extension EngineAcceptanceTests {
    /// Issue 11, secrets: the API key is checked when it is read (ends trimmed, inner spaces and
    /// control characters refused before any request), and no form of it (as is, `Bearer <key>`,
    /// base64 of either, percent-encoded) reaches the output, the state store or the report.
    @Suite(.timeLimit(.minutes(3)))
    struct APIKeyHandlingTests {
        /// A key with characters that percent-encoding and base64 change.
        static let key = "fake-test-key+With/Signs=not-a-real-key"

        @Test(
            "a key ending in a newline (environment) or CR LF (env file's quoted value) works: the fake gets it trimmed"
        )
        func trailingLineBreaksAreTrimmed() async throws {
            let fake = try await FakeAPIProcess(token: Self.key, renderTime: 0.2)
            defer { fake.stop() }
            for (index, ending) in ["\n", "\r\n"].enumerated() {
                let workspace = try PipelineWorkspace("key-ending-\(index)")
                defer { workspace.remove() }
                try workspace.addImage("products/backpack.png", as: "one.png")
                try workspace.write("shots.yaml", AcceptancePipelines.shots(1, name: "shots-\(index)"))
                let arguments = ["run", "shots.yaml", "--api-base-url", fake.baseURL]
                let result = try await workspace.pipeline(arguments, token: Self.key + ending)
                #expect(result.status == 0, "\(result.transcript)")
                #expect(!result.allOutput.contains(Self.key), "\(result.transcript)")
            }
            // The same through settings.env_file, a double-quoted value ending in an escaped newline.
            let workspace = try PipelineWorkspace("key-env-file")
            defer { workspace.remove() }
            try workspace.addImage("products/backpack.png", as: "one.png")
            try workspace.write(
                "shots.yaml",
                AcceptancePipelines.shots(1, name: "shots-env-file")
                    .replacingOccurrences(
                        of: "  output_dir: out\n", with: "  output_dir: out\n  env_file: secrets.env\n"))
            try workspace.write("secrets.env", "MAGIC_HOUR_API_KEY=\"\(Self.key)\\n\"\r\n")
            chmod(workspace.path("secrets.env"), 0o600)
            let fromFile = try await workspace.pipeline(
                ["run", "shots.yaml", "--api-base-url", fake.baseURL], token: nil)
            #expect(fromFile.status == 0, "\(fromFile.transcript)")
            #expect(try await fake.stats().creates == 3)
        }

        @Test("a key with a space or a control character inside is refused before any request, and never printed")
        func innerSpaceOrControlIsRefused() async throws {
            let fake = try await FakeAPIProcess(token: Self.key, renderTime: 0.2)
            defer { fake.stop() }
            let workspace = try PipelineWorkspace("key-inner")
            defer { workspace.remove() }
            try workspace.addImage("products/backpack.png", as: "one.png")
            try workspace.write("shots.yaml", AcceptancePipelines.shots(1))
            let arguments = ["run", "shots.yaml", "--api-base-url", fake.baseURL]
            let halves = (String(Self.key.prefix(20)), String(Self.key.dropFirst(20)))
            for (inner, named) in [
                (" ", "a space"), ("\u{1}", "a control character (U+1)"), ("\r", "a carriage return"),
            ] {
                let result = try await workspace.pipeline(arguments, token: halves.0 + inner + halves.1 + "\n")
                #expect(result.status == 2, "\(result.transcript)")
                #expect(
                    result.standardError.contains("MAGIC_HOUR_API_KEY (from the environment) has \(named) inside it"),
                    "\(result.transcript)")
                #expect(result.standardError.contains("character 21 of \(Self.key.count + 1)"), "\(result.transcript)")
                for part in [halves.0, halves.1] { #expect(!result.allOutput.contains(part), "\(result.transcript)") }
            }
            let stats = try await fake.stats()
            #expect(
                stats.requestsPerRoute.keys.filter { $0 != "GET /_fake/stats" }.isEmpty, "\(stats.requestsPerRoute)")
        }

        @Test(
            "a server that echoes the Authorization header: no form of the key in stdout, stderr, the store, status or the report"
        )
        func echoedKeyIsRedactedEverywhere() async throws {
            let fake = try await FakeAPIProcess(
                token: Self.key, renderTime: 0.2, extraArguments: ["--echo-authorization", "1"])
            defer { fake.stop() }
            let workspace = try PipelineWorkspace("key-echo")
            defer { workspace.remove() }
            try workspace.addImage("products/backpack.png", as: "one.png")
            try workspace.write("shots.yaml", AcceptancePipelines.shots(2))

            let run = try await workspace.pipeline(
                ["run", "shots.yaml", "--api-base-url", fake.baseURL], token: Self.key + "\r\n")
            #expect(run.status == 1, "\(run.transcript)")
            // The echo did reach the client, and was redacted there.
            #expect(run.allOutput.contains("Invalid request from Authorization: <redacted>"), "\(run.transcript)")
            #expect(try await fake.stats().creates == 0)
            let status = try await workspace.pipeline(["status", "--file", "shots.yaml", "--all"], token: nil)
            #expect(status.allOutput.contains("<redacted>"), "\(status.transcript)")
            let report = try await workspace.pipeline(["report", "shots.yaml", "-o", "report.html"], token: nil)
            #expect(report.status == 0, "\(report.transcript)")
            #expect(workspace.exists("report.html"))

            let forms = Self.derivedForms(of: Self.key)
            for (name, text) in [("run", run.allOutput), ("status", status.allOutput), ("report", report.allOutput)] {
                for form in forms { #expect(!text.contains(form), "\(name) output shows '\(form)'") }
            }
            // Every file the runs left (state.db and its -wal and -shm, the report, the outputs), as bytes.
            let files = try FileManager.default.subpathsOfDirectory(atPath: workspace.directory)
            #expect(files.contains { $0.hasSuffix("state.db") }, "\(files)")
            for file in files {
                guard let bytes = workspace.contents(file) else { continue }
                for form in forms {
                    #expect(bytes.range(of: Data(form.utf8)) == nil, "\(file) holds '\(form)'")
                }
            }
        }

        /// The key as is, `Bearer <key>`, base64 of both, and the key percent-encoded (RFC 3986).
        static func derivedForms(of key: String) -> [String] {
            let unreserved = CharacterSet(
                charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
            return [
                key, "Bearer " + key, Data(key.utf8).base64EncodedString(),
                Data(("Bearer " + key).utf8).base64EncodedString(),
                key.addingPercentEncoding(withAllowedCharacters: unreserved) ?? key,
            ]
        }
    }
}
