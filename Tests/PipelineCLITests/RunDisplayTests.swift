import Foundation
import Testing

extension EngineAcceptanceTests {
    /// What `pipeline run` prints: timestamped lines and JSON off a terminal (byte for byte, with
    /// the clock masked), and the live display on a real pseudo-terminal (`script`), read back
    /// through a terminal emulator (pyte) to check what a person actually sees.
    @Suite(.timeLimit(.minutes(3)))
    struct RunDisplayTests {
        /// Two images and one file that is not an image, resized and renamed: six local tasks,
        /// one failure and one skip, in a fixed order with `--max-parallel 1`.
        static let localPipeline = """
            version: 1
            name: local
            settings:
              output_dir: out
            inputs:
              photos:
                glob: assets/*.{png,jpg}
            stages:
              thumbs:
                uses: image.resize
                for_each: ${{ inputs.photos }}
                with: { image: "${{ item }}", width: 64, height: 36, fit: cover }
              named:
                uses: rename
                for_each: ${{ stages.thumbs }}
                with: { to: "thumb-${{ item.stem }}.png" }

            """

        static func localWorkspace(_ label: String) throws -> PipelineWorkspace {
            let workspace = try PipelineWorkspace(label)
            try workspace.addImage("products/backpack.png", as: "a.png")
            try workspace.addImage("products/watch.jpg", as: "b.jpg")
            try workspace.write("assets/c.png", "not an image")
            try workspace.write("local.yaml", localPipeline)
            return workspace
        }

        /// Replaces what changes from run to run: times, run ids, durations, the folder.
        static func masked(_ text: String, folder: String) -> String {
            var text = text.replacingOccurrences(of: folder, with: "<dir>")
            let rules: [(String, String)] = [
                (#"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)"#, "<time>"),
                (#"\d{8}T\d{6}Z-[0-9a-f]{8}"#, "<run>"),
                (#"\b\d\.\ds\b"#, "#.#s"),
                (#""seconds":[0-9.e-]+"#, #""seconds":#"#),
            ]
            for (pattern, replacement) in rules {
                text = text.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
            }
            return text
        }

        static let failure =
            #"assets/c.png cannot be read as an image: it is not an image libvips can read (VipsForeignLoad: "<dir>/assets/c.png" is not a known file format)"#

        @Test("off a terminal: one timestamped line per task event, then the summary table, byte for byte")
        func plainLinesByteForByte() async throws {
            let workspace = try Self.localWorkspace("plain-log")
            defer { workspace.remove() }
            let run = try await workspace.pipeline(["run", "local.yaml", "--max-parallel", "1"], token: nil)
            #expect(run.status == 1, "\(run.transcript)")
            let expected = """
                <time> run <run> of local: 6 tasks (0 cached, 0 resumable, 0 uncertain, 6 to run), 0 credits to spend
                <time> start  thumbs[assets/a.png]
                <time> done   thumbs[assets/a.png] in #.#s
                <time> start  thumbs[assets/b.jpg]
                <time> done   thumbs[assets/b.jpg] in #.#s
                <time> start  thumbs[assets/c.png]
                <time> FAILED thumbs[assets/c.png]: \(Self.failure)
                <time> skip   named[assets/c.png]: depends on failed thumbs[assets/c.png]
                <time> start  named[assets/a.png]
                <time> done   named[assets/a.png] in #.#s
                <time> start  named[assets/b.jpg]
                <time> done   named[assets/b.jpg] in #.#s
                <time> failed: 4 done, 0 cached, 1 failed, 1 skipped, 0 uncertain; 0 credits spent in #.#s
                STAGE   TASKS  DONE  CACHED  FAILED  SKIPPED  CREDITS  TIME
                thumbs      3     2       0       1        0        0  #.#s
                named       3     2       0       0        1        0  #.#s
                total       6     4       0       1        1        0  #.#s

                """
            #expect(Self.masked(run.standardOutput, folder: workspace.directory) == expected)
            // No cursor movement or colour off a terminal.
            #expect(!run.standardOutput.contains("\u{1B}"))
            #expect(
                run.standardError
                    == "failed: thumbs[assets/c.png]: \(Self.failure.replacingOccurrences(of: "<dir>", with: workspace.directory))\n"
            )

            // A re-run: everything done is cached, the failed task runs again.
            let again = try await workspace.pipeline(
                ["run", "local.yaml", "--max-parallel", "1", "--quiet"], token: nil)
            #expect(
                Self.masked(again.standardOutput, folder: workspace.directory) == """
                    <time> FAILED thumbs[assets/c.png]: \(Self.failure)
                    <time> failed: 0 done, 4 cached, 1 failed, 1 skipped, 0 uncertain; 0 credits spent in #.#s
                    STAGE   TASKS  DONE  CACHED  FAILED  SKIPPED  CREDITS  TIME
                    thumbs      3     0       2       1        0        0  #.#s
                    named       3     0       2       0        1        0     -
                    total       6     0       4       1        1        0  #.#s

                    """, "\(again.transcript)")
        }

        @Test("--log-format json prints one JSON object per event, byte for byte")
        func jsonEventsByteForByte() async throws {
            let workspace = try Self.localWorkspace("json-log")
            defer { workspace.remove() }
            let run = try await workspace.pipeline(
                ["run", "local.yaml", "--max-parallel", "1", "--log-format", "json"], token: nil)
            #expect(run.status == 1, "\(run.transcript)")
            let failure = Self.failure.replacingOccurrences(of: "\"", with: "\\\"")
            let expected = """
                {"time":"<time>","level":"notice","cached":0,"credits_to_spend":0,"event":"run_started","pipeline":"local","resumable":0,"run":"<run>","tasks":6,"to_run":6,"uncertain":0,"message":"run <run> of local: 6 tasks (0 cached, 0 resumable, 0 uncertain, 6 to run), 0 credits to spend"}
                {"time":"<time>","level":"info","attempt":1,"event":"task_started","stage":"thumbs","task":"thumbs[assets/a.png]","message":"start thumbs[assets/a.png]"}
                {"time":"<time>","level":"info","credits":0,"event":"task_succeeded","seconds":#,"stage":"thumbs","task":"thumbs[assets/a.png]","message":"done thumbs[assets/a.png] in #.#s"}
                {"time":"<time>","level":"info","attempt":1,"event":"task_started","stage":"thumbs","task":"thumbs[assets/b.jpg]","message":"start thumbs[assets/b.jpg]"}
                {"time":"<time>","level":"info","credits":0,"event":"task_succeeded","seconds":#,"stage":"thumbs","task":"thumbs[assets/b.jpg]","message":"done thumbs[assets/b.jpg] in #.#s"}
                {"time":"<time>","level":"info","attempt":1,"event":"task_started","stage":"thumbs","task":"thumbs[assets/c.png]","message":"start thumbs[assets/c.png]"}
                {"time":"<time>","level":"error","error":"\(failure)","event":"task_failed","stage":"thumbs","task":"thumbs[assets/c.png]","message":"FAILED thumbs[assets/c.png]: \(failure)"}
                {"time":"<time>","level":"warning","event":"task_skipped","reason":"depends on failed thumbs[assets/c.png]","stage":"named","task":"named[assets/c.png]","message":"skip named[assets/c.png]: depends on failed thumbs[assets/c.png]"}
                {"time":"<time>","level":"info","attempt":1,"event":"task_started","stage":"named","task":"named[assets/a.png]","message":"start named[assets/a.png]"}
                {"time":"<time>","level":"info","credits":0,"event":"task_succeeded","seconds":#,"stage":"named","task":"named[assets/a.png]","message":"done named[assets/a.png] in #.#s"}
                {"time":"<time>","level":"info","attempt":1,"event":"task_started","stage":"named","task":"named[assets/b.jpg]","message":"start named[assets/b.jpg]"}
                {"time":"<time>","level":"info","credits":0,"event":"task_succeeded","seconds":#,"stage":"named","task":"named[assets/b.jpg]","message":"done named[assets/b.jpg] in #.#s"}
                {"time":"<time>","level":"notice","cached":0,"credits_spent":0,"event":"run_finished","failed":1,"outcome":"failed","run":"<run>","seconds":#,"skipped":1,"succeeded":4,"tasks":6,"uncertain":0,"message":"failed: 4 done, 0 cached, 1 failed, 1 skipped, 0 uncertain; 0 credits spent in #.#s"}

                """
            #expect(Self.masked(run.standardOutput, folder: workspace.directory) == expected)
            // Every line is a JSON object a log shipper can parse, with UTC millisecond times.
            for line in run.standardOutput.split(separator: "\n") {
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                let time = object?["time"] as? String ?? ""
                #expect(
                    time.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"#, options: .regularExpression) != nil,
                    "\(line)")
            }
        }

        @Test("--log-format json with --simulate keeps standard output pure JSON lines")
        func jsonStaysJSONWithNotes() async throws {
            let workspace = try PipelineWorkspace("json-simulate")
            defer { workspace.remove() }
            // `shots` reads assets/one.png.
            try workspace.addImage("products/backpack.png", as: "one.png")
            try workspace.write("shots.yaml", AcceptancePipelines.shots(2))
            let run = try await workspace.pipeline(
                ["run", "shots.yaml", "--simulate", "--log-format", "json"], token: nil)
            #expect(run.status == 0, "\(run.transcript)")
            let events = try run.standardOutput.split(separator: "\n").map { line in
                try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])["event"]
                    as? String
            }
            #expect(events.first == "note")
            #expect(events.last == "run_finished")
            #expect(events.filter { $0 == "task_succeeded" }.count == 4)
            #expect(events.contains("task_progress"))
        }

        /// Runs `pipeline ARGS` on a pseudo-terminal of `columns` columns (util-linux `script`)
        /// and returns the raw bytes it wrote and the screen a terminal shows at the end (pyte).
        static func onTerminal(
            _ arguments: [String], in workspace: PipelineWorkspace, columns: Int,
            environment extra: [String: String] = [:], token: String? = nil
        ) async throws -> (raw: String, screen: String, status: Int32) {
            let quoted = ([CommandRunner.executable] + arguments).map { "'" + $0 + "'" }.joined(separator: " ")
            let command = "stty cols \(columns) rows 200; exec \(quoted)"
            var environment = extra
            environment["TERM"] = "xterm-256color"
            let run = try await Spawned.start(
                "/usr/bin/script", ["-q", "-e", "-c", command, "/dev/null"], in: workspace.directory,
                environment: PipelineWorkspace.environment(token: token, extra: environment)
            ).finish()
            let rawPath = workspace.path("terminal.raw")
            try run.outputData.write(to: URL(fileURLWithPath: rawPath))
            let emulator = try await Spawned.start(
                "/usr/bin/env",
                [
                    "python3", "-c",
                    """
                    import sys, pyte
                    screen = pyte.Screen(\(columns), 200)
                    pyte.ByteStream(screen).feed(open(sys.argv[1], 'rb').read())
                    print("\\n".join(line.rstrip() for line in screen.display).rstrip())
                    """,
                    rawPath,
                ]
            ).finish()
            #expect(
                emulator.status == 0, "pyte (pip install pyte; .ci/install-deps installs it): \(emulator.standardError)"
            )
            return (run.standardOutput, emulator.standardOutput, run.status)
        }

        @Test(
            "on a terminal: stage lines redrawn in place, colours, log lines above them intact, and the summary at the end"
        )
        func liveDisplayOnATerminal() async throws {
            // Two clips render for 1.5 s and both end in error (refunded) while the board is up;
            // their downloads are skipped.
            let fake = try await FakeAPIProcess(renderTime: 1.5, extraArguments: ["--project-errors", "1"])
            defer { fake.stop() }
            let workspace = try PipelineWorkspace("live")
            defer { workspace.remove() }
            try workspace.addImage("products/backpack.png", as: "one.png")
            try workspace.write("shots.yaml", AcceptancePipelines.shots(2))
            let (raw, screen, status) = try await Self.onTerminal(
                ["run", "shots.yaml", "--api-base-url", fake.baseURL], in: workspace, columns: 100, token: fake.token)
            #expect(status == 1, "\(raw)")

            // Redrawn in place: the cursor went back up over the board many times.
            let redraws = raw.components(separatedBy: "\u{1B}[3A\r\u{1B}[J").count - 1
            #expect(redraws >= 5, "\(redraws) redraws")
            #expect(raw.contains("\u{1B}[31m"), "failures in red")
            #expect(raw.contains("  2 running"), "the board showed both clips running")

            // What the person sees at the end: the log lines whole, the summary table, no board.
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let failed = lines.filter { $0.hasPrefix("FAILED clips[") }
            #expect(failed.count == 2, "\(screen)")
            #expect(failed.allSatisfy { $0.contains(": Magic Hour could not render") }, "\(screen)")
            #expect(lines.filter { $0.hasPrefix("skip files[") }.count == 2, "\(screen)")
            #expect(
                lines.contains { $0.hasPrefix("clips      2     0       0       2        0        0") }, "\(screen)")
            #expect(
                lines.contains { $0.hasPrefix("files      2     0       0       0        2        0") }, "\(screen)")
            #expect(
                lines.contains {
                    $0.hasPrefix("failed: 0 done, 0 cached, 2 failed, 2 skipped, 0 uncertain; 0 credits spent in ")
                }, "\(screen)")
            #expect(!lines.contains { $0.contains(" running") }, "the board is gone at the end:\n\(screen)")
        }

        @Test("NO_COLOR drops every colour and a narrow terminal gets lines cut to its width")
        func noColorAndNarrowTerminal() async throws {
            let fake = try await FakeAPIProcess(renderTime: 1.0)
            defer { fake.stop() }
            let workspace = try PipelineWorkspace("narrow")
            defer { workspace.remove() }
            try workspace.addImage("products/backpack.png", as: "one.png")
            try workspace.write("shots.yaml", AcceptancePipelines.shots(3, name: "a-pipeline-with-a-rather-long-name"))
            let (raw, screen, status) = try await Self.onTerminal(
                ["run", "shots.yaml", "--api-base-url", fake.baseURL], in: workspace, columns: 40,
                environment: ["NO_COLOR": "1"],
                token: fake.token)
            #expect(status == 0, "\(raw)")
            #expect(
                raw.range(of: "\u{1B}\\[[0-9;]*m", options: .regularExpression) == nil,
                "no SGR colour sequence with NO_COLOR")
            #expect(raw.contains("\u{1B}[J"), "still redrawn in place")
            // Board lines (between a redraw and the next) never exceed the width, so nothing wraps.
            let frames = raw.components(separatedBy: "\r\u{1B}[J").dropFirst()
            for frame in frames {
                for line in frame.components(separatedBy: "\r\n")
                where line.contains(" running") || line.hasPrefix("a-pipeline") {
                    let visible = line.replacingOccurrences(
                        of: "\u{1B}\\[[0-9;]*[A-Za-z]", with: "", options: .regularExpression)
                    #expect(visible.count < 40, "\(visible.count) columns: \(visible)")
                }
            }
            // The summary table is cut to the width too, with an ellipsis.
            #expect(screen.contains("total      6     6       0       0"), "\(screen)")
            #expect(screen.split(separator: "\n").allSatisfy { $0.count <= 40 })
        }
    }
}
