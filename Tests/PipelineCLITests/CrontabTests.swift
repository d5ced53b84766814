import Foundation
import Testing

/// `pipeline schedule install|list|remove` against the real crontab of the user running the
/// tests, through Debian's `crontab`. The crontab is backed up first and restored at the end,
/// whatever happens.
@Suite(.serialized) struct CrontabTests {
    typealias Support = ScheduleTestSupport

    /// The `crontab` program; CI installs it (.ci/install-deps, Debian's cron package).
    static let crontab: String? = {
        let folders =
            (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init) + [
                "/usr/bin", "/bin",
            ]
        return folders.map { $0 + "/crontab" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Runs `crontab ARGS…` with `input` on standard input.
    static func crontab(_ arguments: [String], input: String? = nil) async throws -> CommandRunner.Result {
        try await CommandRunner.run(program: try #require(crontab), arguments, input: input)
    }

    /// Runs `body`, then puts the user's crontab (or its absence) back however `body` ends.
    static func keepingCrontab(_ body: () async throws -> Void) async throws {
        try #require(
            crontab != nil, "crontab is not installed: run .ci/install-deps (it installs Debian's cron package)")
        let saved = try await Self.crontab(["-l"])
        let hadCrontab = saved.status == 0
        try #require(
            hadCrontab || saved.standardError.contains("no crontab for"), "crontab -l failed: \(saved.standardError)")
        func restore() async {
            if hadCrontab {
                _ = try? await Self.crontab(["-"], input: saved.standardOutput)
            } else {
                _ = try? await Self.crontab(["-r"])
            }
        }
        do {
            try await body()
        } catch {
            await restore()
            throw error
        }
        await restore()
    }

    @Test("install, list, install again, reschedule, remove: one line per pipeline, other lines untouched")
    func installListRemoveInTheRealCrontab() async throws {
        try await Self.keepingCrontab {
            let unrelated = """
                # a comment someone wrote
                MAILTO=""
                CRON_TZ=Asia/Kolkata
                17 3 1 1 * /bin/true # somebody else's job, 100\\% theirs

                """
            let written = try await Self.crontab(["-"], input: unrelated)
            try #require(written.status == 0, "crontab - failed: \(written.standardError)")

            let workspace = try PipelineWorkspace("crontab")
            defer { workspace.remove() }
            try workspace.addImage("products/backpack.png", as: "one.png")
            try workspace.write("nightly.yaml", Support.resizePipeline(name: "nightly", cron: "0 6 * * 1-5"))
            let file = workspace.directory + "/nightly.yaml"
            let environment = Support.environment()
            func pipeline(_ arguments: [String]) async throws -> CommandRunner.Result {
                try await CommandRunner.run(arguments, in: workspace.directory, environment: environment)
            }
            func pipelineLines() async throws -> [String] {
                try await Self.crontab(["-l"]).standardOutput.split(separator: "\n").map(String.init).filter {
                    $0.hasSuffix("# pipeline: \(file)")
                }
            }

            let installed = try await pipeline(["schedule", "install", "nightly.yaml"])
            #expect(installed.status == 0, "\(installed.standardError)")
            #expect(installed.standardOutput.hasPrefix("installed in the crontab of "))
            #expect(installed.standardOutput.contains("log: \(workspace.directory)/.pipeline/nightly.log"))
            #expect(
                FileManager.default.fileExists(atPath: workspace.path(".pipeline")), "install creates the log folder")
            var lines = try await pipelineLines()
            #expect(lines.count == 1)
            #expect(lines.first?.hasPrefix("0 6 * * 1-5 cd '\(workspace.directory)' && '") == true)
            var current = try await Self.crontab(["-l"]).standardOutput
            #expect(current.hasPrefix(unrelated), "the lines that were there stay first and intact:\n\(current)")

            let list = try await pipeline(["schedule", "list"])
            #expect(list.status == 0, "\(list.standardError)")
            let row = try #require(
                list.standardOutput.split(separator: "\n").first { $0.contains(file) }, "\(list.standardOutput)")
            #expect(row.hasPrefix("0 6 * * 1-5  "))
            #expect(row.contains("T06:00:00+05:30"), "CRON_TZ in the crontab applies to the lines below it: \(row)")
            #expect(row.hasSuffix("\(workspace.directory)/.pipeline/nightly.log"))

            let again = try await pipeline(["schedule", "install", "nightly.yaml"])
            #expect(again.status == 0, "\(again.standardError)")
            #expect(again.standardOutput.hasPrefix("already installed"))
            #expect(try await pipelineLines().count == 1)

            try workspace.write("nightly.yaml", Support.resizePipeline(name: "nightly", cron: "30 7 * * *"))
            let rescheduled = try await pipeline(["schedule", "install", workspace.directory + "/./nightly.yaml"])
            #expect(rescheduled.status == 0, "\(rescheduled.standardError)")
            #expect(rescheduled.standardOutput.hasPrefix("replaced in the crontab of "))
            lines = try await pipelineLines()
            #expect(lines.count == 1)
            #expect(lines.first?.hasPrefix("30 7 * * * cd ") == true)
            current = try await Self.crontab(["-l"]).standardOutput
            #expect(current.hasPrefix(unrelated))

            let json = try await pipeline(["schedule", "list", "--format", "json"])
            let entries = try #require(
                try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [[String: Any]])
            let entry = try #require(entries.first { $0["file"] as? String == file })
            #expect(entry["schedule"] as? String == "30 7 * * *")
            #expect(entry["time_zone"] as? String == "Asia/Kolkata")
            #expect(entry["file_exists"] as? Bool == true)

            let removed = try await pipeline(["schedule", "remove", "nightly.yaml"])
            #expect(removed.status == 0, "\(removed.standardError)")
            #expect(removed.standardOutput.hasPrefix("removed from the crontab of "))
            #expect(try await Self.crontab(["-l"]).standardOutput == unrelated, "only the pipeline's line is gone")

            let nothing = try await pipeline(["schedule", "remove", "nightly.yaml"])
            #expect(nothing.status == 0)
            #expect(nothing.standardOutput.contains("is not installed in the crontab of"))
            #expect(try await Self.crontab(["-l"]).standardOutput == unrelated)
            let empty = try await pipeline(["schedule", "list"])
            #expect(empty.standardOutput.hasPrefix("no pipeline is installed in the crontab of "))
        }
    }

    @Test("an empty crontab ('no crontab for USER') is not an error, and remove leaves other users' lines alone")
    func noCrontabYet() async throws {
        try await Self.keepingCrontab {
            _ = try await Self.crontab(["-r"])
            #expect(try await Self.crontab(["-l"]).status != 0)

            let workspace = try PipelineWorkspace("nocrontab")
            defer { workspace.remove() }
            try workspace.addImage("products/backpack.png", as: "one.png")
            try workspace.write("first.yaml", Support.resizePipeline(name: "first"))
            let list = try await CommandRunner.run(
                ["schedule", "list"], in: workspace.directory, environment: Support.environment())
            #expect(list.status == 0, "\(list.standardError)")
            #expect(list.standardOutput.hasPrefix("no pipeline is installed"))
            let remove = try await CommandRunner.run(
                ["schedule", "remove", "first.yaml"], in: workspace.directory, environment: Support.environment())
            #expect(remove.status == 0)
            let install = try await CommandRunner.run(
                ["schedule", "install", "first.yaml"], in: workspace.directory, environment: Support.environment())
            #expect(install.status == 0, "\(install.standardError)")
            let lines = try await Self.crontab(["-l"]).standardOutput.split(separator: "\n")
            #expect(lines.count == 1)
            #expect(lines.first?.hasSuffix("# pipeline: \(workspace.directory)/first.yaml") == true)

            // A folder with a quote and a percent sign: found again by its marker, listed, removed.
            let folder = workspace.path("it's 100%")
            try FileManager.default.createDirectory(atPath: folder + "/assets", withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                atPath: workspace.path("assets/one.png"), toPath: folder + "/assets/one.png")
            try Support.resizePipeline(name: "odd").write(
                toFile: folder + "/odd.yaml", atomically: true, encoding: .utf8)
            for _ in 0..<2 {
                let odd = try await CommandRunner.run(
                    ["schedule", "install", "it's 100%/odd.yaml"], in: workspace.directory,
                    environment: Support.environment())
                #expect(odd.status == 0, "\(odd.standardError)")
            }
            #expect(try await Self.crontab(["-l"]).standardOutput.split(separator: "\n").count == 2)
            let json = try await CommandRunner.run(
                ["schedule", "list", "--format", "json"], in: workspace.directory, environment: Support.environment())
            let entries = try #require(
                try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [[String: Any]])
            #expect(
                entries.map { $0["file"] as? String } == [workspace.directory + "/first.yaml", folder + "/odd.yaml"])
            #expect(entries.last?["log"] as? String == folder + "/.pipeline/odd.log")
            let removed = try await CommandRunner.run(
                ["schedule", "remove", folder + "/odd.yaml"], in: workspace.directory,
                environment: Support.environment())
            #expect(removed.standardOutput.hasPrefix("removed from the crontab"), "\(removed.standardOutput)")
            #expect(
                try await Self.crontab(["-l"]).standardOutput.split(separator: "\n").map(String.init)
                    == lines.map(String.init))
        }
    }
}
