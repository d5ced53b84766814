import Foundation
import Testing

/// `pipeline schedule next` and `pipeline schedule install --print` through the real executable.
@Suite struct ScheduleCommandTests {
    typealias Support = ScheduleTestSupport

    private func workspace(_ label: String, _ text: String, file: String = "daily.yaml") throws -> PipelineWorkspace {
        let workspace = try PipelineWorkspace(label)
        try workspace.addImage("products/backpack.png", as: "one.png")
        try workspace.write(file, text)
        return workspace
    }

    @Test func nextPrintsLocalTimesWithOffsetsInCronTZ() async throws {
        let workspace = try workspace("next", Support.resizePipeline())
        defer { workspace.remove() }
        let result = try await CommandRunner.run(
            ["schedule", "next", "daily.yaml", "--from", "2026-11-25T07:00:00+01:00", "-n", "3"],
            in: workspace.directory,
            environment: Support.environment(["CRON_TZ": "Europe/Berlin", "TZ": "America/New_York"]))
        #expect(result.status == 0, "\(result.standardError)")
        #expect(
            result.standardOutput == "2026-11-26T06:00:00+01:00\n2026-11-27T06:00:00+01:00\n2026-11-30T06:00:00+01:00\n"
        )
    }

    @Test func nextUsesTZWithoutCronTZ() async throws {
        let workspace = try workspace("next-tz", Support.resizePipeline(cron: "@daily"))
        defer { workspace.remove() }
        let result = try await CommandRunner.run(
            ["schedule", "next", "daily.yaml", "--from", "2026-07-01T12:00:00Z", "--count", "2"],
            in: workspace.directory,
            environment: Support.environment(["TZ": "America/New_York"]))
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == "2026-07-02T00:00:00-04:00\n2026-07-03T00:00:00-04:00\n")
    }

    @Test func nextReadsAFromTimeWithoutOffsetInTheZoneAndCrossesDST() async throws {
        let workspace = try workspace("next-dst", Support.resizePipeline(cron: "30 2 * * *"))
        defer { workspace.remove() }
        let result = try await CommandRunner.run(
            ["schedule", "next", "daily.yaml", "--from", "2026-03-07T12:00", "-n", "2"], in: workspace.directory,
            environment: Support.environment(["CRON_TZ": "America/New_York"]))
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == "2026-03-08T03:00:00-04:00\n2026-03-09T02:30:00-04:00\n")
    }

    @Test func nextDefaultsToFiveTimesFromNowAndSpeaksJSON() async throws {
        let workspace = try workspace("next-json", Support.resizePipeline(cron: "*/10 * * * *"))
        defer { workspace.remove() }
        let before = Date()
        let result = try await CommandRunner.run(
            ["schedule", "next", "daily.yaml", "--format", "json"], in: workspace.directory,
            environment: Support.environment(["CRON_TZ": "Europe/Paris"]))
        #expect(result.status == 0, "\(result.standardError)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(object["cron"] as? String == "*/10 * * * *")
        #expect(object["time_zone"] as? String == "Europe/Paris")
        let times = try #require(object["times"] as? [String])
        #expect(times.count == 5)
        let formatter = ISO8601DateFormatter()
        let dates = times.compactMap { formatter.date(from: $0) }
        #expect(dates.count == 5)
        #expect(dates.allSatisfy { $0 > before && $0 < before.addingTimeInterval(3600) })
        #expect(zip(dates, dates.dropFirst()).allSatisfy { $1.timeIntervalSince($0) == 600 })
    }

    @Test func nextRefusesFilesWithoutOrWithAnImpossibleSchedule() async throws {
        let workspace = try workspace("next-bad", Support.resizePipeline(cron: "0 0 30 2 *"))
        defer { workspace.remove() }
        try workspace.write(
            "plain.yaml",
            Support.resizePipeline().replacingOccurrences(of: "schedule:\n  cron: \"0 6 * * 1-5\"\n", with: ""))
        let environment = Support.environment()

        let missing = try await CommandRunner.run(
            ["schedule", "next", "plain.yaml"], in: workspace.directory, environment: environment)
        #expect(missing.status == 2)
        #expect(missing.standardError.contains("plain.yaml has no schedule.cron"), "\(missing.standardError)")

        let impossible = try await CommandRunner.run(
            ["schedule", "next", "daily.yaml"], in: workspace.directory, environment: environment)
        #expect(impossible.status == 2)
        #expect(
            impossible.standardError.contains(
                "daily.yaml:4:14: error: invalid cron expression: it never fires: February has no day 30"),
            "\(impossible.standardError)")
        #expect(impossible.standardOutput.isEmpty)

        let validate = try await CommandRunner.run(
            ["validate", "daily.yaml"], in: workspace.directory, environment: environment)
        #expect(validate.status == 2)
        #expect(validate.standardError.contains("never fires"))
    }

    @Test func nextRejectsAnUnknownCronTZAndABadFromTime() async throws {
        let workspace = try workspace("next-usage", Support.resizePipeline())
        defer { workspace.remove() }
        let zone = try await CommandRunner.run(
            ["schedule", "next", "daily.yaml"], in: workspace.directory,
            environment: Support.environment(["CRON_TZ": "Mars/Olympus_Mons"]))
        #expect(zone.status == 2)
        #expect(zone.standardError.contains("CRON_TZ=Mars/Olympus_Mons is not a time zone"), "\(zone.standardError)")
        let from = try await CommandRunner.run(
            ["schedule", "next", "daily.yaml", "--from", "next tuesday"], in: workspace.directory,
            environment: Support.environment())
        #expect(from.status == 2)
        #expect(from.standardError.contains("--from 'next tuesday' is not an ISO 8601 time"))
    }

    @Test("install --print: absolute, quoted paths, % escaped for cron, and the line really runs under sh")
    func installPrintWritesARunnableLine() async throws {
        let root = try PipelineWorkspace("print")
        defer { root.remove() }
        // A folder name with a space, a quote and a percent sign.
        let folder = root.path("it's 100% daily")
        try FileManager.default.createDirectory(atPath: folder + "/assets", withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: PipelineWorkspace.assets + "/products/backpack.png", toPath: folder + "/assets/one.png")
        try Support.resizePipeline().write(toFile: folder + "/daily.yaml", atomically: true, encoding: .utf8)

        let result = try await CommandRunner.run(
            ["schedule", "install", "--print", "it's 100% daily/daily.yaml"], in: root.directory,
            environment: Support.environment())
        #expect(result.status == 0, "\(result.standardError)")
        let executable = Support.realPath(CommandRunner.executable)
        let quotedFolder = "'" + root.directory + "/it'\\''s 100\\% daily'"
        let quotedFile = "'" + root.directory + "/it'\\''s 100\\% daily/daily.yaml'"
        let quotedLog = "'" + root.directory + "/it'\\''s 100\\% daily/.pipeline/daily.log'"
        let expected =
            "0 6 * * 1-5 cd \(quotedFolder) && '\(executable)' run \(quotedFile) >> \(quotedLog) 2>&1"
            + " # pipeline: \(root.directory)/it's 100\\% daily/daily.yaml\n"
        #expect(result.standardOutput == expected)
        // --print changes nothing.
        #expect(!FileManager.default.fileExists(atPath: folder + "/.pipeline"))

        // Run the command the way cron would: its % rule, then /bin/sh, from /, in a bare environment.
        try FileManager.default.createDirectory(atPath: folder + "/.pipeline", withIntermediateDirectories: true)
        let command = Support.cronCommand(of: String(result.standardOutput.dropLast()))
        let status = try await Support.shell(command, environment: ["PATH": "/usr/bin:/bin", "HOME": root.directory])
        #expect(status == 0, "\(command)")
        let log = (try? String(contentsOfFile: folder + "/.pipeline/daily.log", encoding: .utf8)) ?? ""
        #expect(log.contains("run ") && log.contains("1 done"), "\(log)")
        let outputs = (try? FileManager.default.contentsOfDirectory(atPath: folder + "/out/.work/thumb")) ?? []
        #expect(outputs.count == 1, "\(outputs)")
    }

    @Test func installPrintTakesTheLogAndEnvFileOptions() async throws {
        let workspace = try workspace(
            "print-options", AcceptancePipelines.launch(name: "launch", schedule: "{ cron: \"@daily\" }"))
        defer { workspace.remove() }
        try workspace.write("api.env", "MAGIC_HOUR_API_KEY=print-test-secret-value\n")
        try Support.setMode(0o600, of: workspace.path("api.env"))
        let result = try await CommandRunner.run(
            [
                "schedule", "install", "daily.yaml", "--print", "--env-file", "api.env", "--log",
                "/tmp/launch logs/launch.log",
            ],
            in: workspace.directory, environment: Support.environment())
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.hasPrefix("@daily cd '\(workspace.directory)' && '"))
        #expect(
            result.standardOutput.contains(
                " run '\(workspace.directory)/daily.yaml' --env-file '\(workspace.directory)/api.env' >> '/tmp/launch logs/launch.log' 2>&1 # pipeline: "
            ))
        #expect(!result.allOutput.contains("print-test-secret-value"))
        #expect(!result.allOutput.contains("secret"))
    }

    @Test("install refuses a Magic Hour pipeline whose cron runs would have no API key")
    func installRefusesMagicHourWithoutEnvFile() async throws {
        let workspace = try workspace(
            "print-nokey", AcceptancePipelines.launch(name: "launch", schedule: "{ cron: \"0 6 * * 1-5\" }"))
        defer { workspace.remove() }
        // Even with the key in the installing shell: cron will not have it.
        let environment = Support.environment(["MAGIC_HOUR_API_KEY": "shell-only-key-value"])
        let refused = try await CommandRunner.run(
            ["schedule", "install", "--print", "daily.yaml"], in: workspace.directory, environment: environment)
        #expect(refused.status == 2)
        #expect(
            refused.standardError.contains("cron runs will not have MAGIC_HOUR_API_KEY"), "\(refused.standardError)")
        #expect(refused.standardError.contains("settings.env_file") && refused.standardError.contains("--env-file"))
        #expect(refused.standardOutput.isEmpty)
        #expect(!refused.allOutput.contains("shell-only-key-value"))

        let overridden = try await CommandRunner.run(
            ["schedule", "install", "--print", "--no-env-file", "daily.yaml"], in: workspace.directory,
            environment: environment)
        #expect(overridden.status == 0, "\(overridden.standardError)")
        #expect(overridden.standardOutput.hasPrefix("0 6 * * 1-5 cd "))
        #expect(!overridden.standardOutput.contains("--env-file"))
        #expect(!overridden.allOutput.contains("shell-only-key-value"))
    }

    @Test func installAcceptsSettingsEnvFileAndRefusesAnOpenOne() async throws {
        let text = AcceptancePipelines.launch(
            name: "launch", settings: ["env_file: secrets/api.env"], schedule: "{ cron: \"0 6 * * *\" }")
        let workspace = try workspace("print-settings-env", text)
        defer { workspace.remove() }
        try FileManager.default.createDirectory(atPath: workspace.path("secrets"), withIntermediateDirectories: true)
        try workspace.write("secrets/api.env", "# for cron\nexport MAGIC_HOUR_API_KEY='settings-env-secret'\n")
        try Support.setMode(0o644, of: workspace.path("secrets/api.env"))
        let open = try await CommandRunner.run(
            ["schedule", "install", "--print", "daily.yaml"], in: workspace.directory,
            environment: Support.environment())
        #expect(open.status == 2)
        #expect(open.standardError.contains("env file 'secrets/api.env' has mode 0644"), "\(open.standardError)")
        #expect(open.standardError.contains("chmod 600"))

        try Support.setMode(0o600, of: workspace.path("secrets/api.env"))
        let line = try await CommandRunner.run(
            ["schedule", "install", "--print", "daily.yaml"], in: workspace.directory,
            environment: Support.environment())
        #expect(line.status == 0, "\(line.standardError)")
        // The run reads settings.env_file itself; the line does not repeat it.
        #expect(line.standardOutput.hasPrefix("0 6 * * * cd '\(workspace.directory)' && "))
        #expect(!line.standardOutput.contains("--env-file"))
        #expect(!line.allOutput.contains("settings-env-secret"))
    }

    @Test func installRefusesAFileWithoutSchedule() async throws {
        let workspace = try workspace("print-nosched", AcceptancePipelines.launch(name: "launch"))
        defer { workspace.remove() }
        let result = try await CommandRunner.run(
            ["schedule", "install", "--print", "--no-env-file", "daily.yaml"], in: workspace.directory,
            environment: Support.environment())
        #expect(result.status == 2)
        #expect(result.standardError.contains("daily.yaml has no schedule.cron"))
    }
}
