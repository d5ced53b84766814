import Foundation
import Testing

extension EngineAcceptanceTests {
    /// What a newcomer meets first: history commands before any run, history in plan order, and
    /// help that wraps cleanly.
    @Suite(.timeLimit(.minutes(3)))
    struct NewcomerTests {
        @Test("before any run: `runs --format json` prints [] and exits 0; `status --format json` an error object")
        func historyBeforeAnyRun() async throws {
            let workspace = try PipelineWorkspace("before-any-run")
            defer { workspace.remove() }
            try workspace.addImage("products/backpack.png", as: "one.png")
            try workspace.write("a.yaml", AcceptancePipelines.shots(1))
            let runs = try await workspace.pipeline(["runs", "--format", "json"], token: nil)
            #expect(runs.status == 0, "\(runs.transcript)")
            #expect(runs.standardOutput == "[]\n", "\(runs.transcript)")
            let ofFile = try await workspace.pipeline(["runs", "a.yaml", "--format", "json"], token: nil)
            #expect(ofFile.status == 0 && ofFile.standardOutput == "[]\n", "\(ofFile.transcript)")

            let status = try await workspace.pipeline(["status", "--format", "json"], token: nil)
            #expect(status.status != 0, "\(status.transcript)")
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(status.standardOutput.utf8)) as? [String: Any],
                "\(status.transcript)")
            #expect((object["error"] as? String)?.contains("nothing has run yet") == true, "\(status.transcript)")
        }

        @Test("status and cache ls list tasks in plan order (480p before 1080p), not alphabetically")
        func historyInPlanOrder() async throws {
            let workspace = try PipelineWorkspace("plan-order")
            defer { workspace.remove() }
            try workspace.addImage("products/backpack.png", as: "one.png")
            try workspace.write("a.yaml", AcceptancePipelines.launch(name: "a", takes: ["480p", "1080p"]))
            let run = try await workspace.pipeline(["run", "a.yaml", "--simulate"], token: nil)
            #expect(run.status == 0, "\(run.transcript)")
            for command in [["status", "--all", "--file", "a.yaml"], ["cache", "ls", "a.yaml"]] {
                let result = try await workspace.pipeline(command, token: nil)
                #expect(result.status == 0, "\(result.transcript)")
                let lines = result.standardOutput.split(separator: "\n").map(String.init)
                for stage in ["clips", "files", "final"] {
                    let low = lines.firstIndex { $0.contains(stage) && $0.contains("480p") }
                    let high = lines.firstIndex { $0.contains(stage) && $0.contains("1080p") }
                    #expect(low != nil && high != nil && low! < high!, "\(command): \(result.standardOutput)")
                }
            }
        }

        /// A line that stops mid-sentence: not ending a sentence or a clause, and followed at the
        /// same indentation by a line that goes on in lower case.
        static func brokenSentences(_ text: String) -> [String] {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            var broken: [String] = []
            for (line, next) in zip(lines, lines.dropFirst()) {
                let indent = line.prefix { $0 == " " }.count
                let nextIndent = next.prefix { $0 == " " }.count
                guard let last = line.last, let first = next.first(where: { $0 != " " }) else { continue }
                if indent == nextIndent, !".:;!?)".contains(last), first.isLowercase {
                    broken.append(line + "⏎" + next)
                }
            }
            return broken
        }

        @Test(
            "help wraps cleanly at 80 columns: no line longer than 80, no sentence broken by a hard newline",
            arguments: [["--help"], ["schedule", "install", "--help"]])
        func helpWrapsCleanly(arguments: [String]) async throws {
            var environment = ProcessInfo.processInfo.environment
            environment["COLUMNS"] = "80"
            let narrow = try await CommandRunner.run(arguments, environment: environment)
            #expect(narrow.status == 0, "\(narrow.standardError)")
            for line in narrow.standardOutput.split(separator: "\n") {
                #expect(line.count <= 80, "\(line.count) columns: \(line)")
            }
            // On a wide terminal nothing needs wrapping: any line break left inside a sentence
            // was written into the text.
            environment["COLUMNS"] = "4000"
            let wide = try await CommandRunner.run(arguments, environment: environment)
            #expect(Self.brokenSentences(wide.standardOutput) == [], "\(wide.standardOutput)")
        }

        /// `pipeline validate p.yaml` of `text` in a folder holding `images` (copies of one photo).
        static func validate(_ text: String, images: [String] = ["assets/one.png"]) async throws -> CommandRunner.Result
        {
            let workspace = try PipelineWorkspace("validate-polish")
            defer { workspace.remove() }
            for image in images {
                try FileManager.default.copyItem(
                    atPath: PipelineWorkspace.assets + "/products/backpack.png", toPath: workspace.path(image))
            }
            try workspace.write("p.yaml", text)
            return try await CommandRunner.run(["validate", "p.yaml"], in: workspace.directory)
        }

        @Test("a matrix value that breaks a rule is reported at the value, with a note at its use")
        func matrixValueIsReportedAtTheValue() async throws {
            let result = try await Self.validate(
                """
                version: 1
                inputs:
                  shots: { values: [1] }
                stages:
                  clips:
                    uses: magic_hour.image_to_video
                    for_each: ${{ inputs.shots }}
                    matrix:
                      resolution: [480p, 8k]
                    with:
                      image: assets/one.png
                      end_seconds: 5
                      model: ltx-2.3
                      resolution: ${{ matrix.resolution }}
                """)
            #expect(result.status == 2)
            #expect(result.standardError.contains("p.yaml:9:26: error:"), "\(result.standardError)")
            #expect(result.standardError.contains("got '8k'"), "\(result.standardError)")
            #expect(
                result.standardError.contains("the value is used by 'resolution' at line 14, column 19"),
                "\(result.standardError)")
        }

        @Test("an unknown stage type is one error, not also 'for_each names an unknown stage' downstream")
        func unknownStageTypeIsReportedOnce() async throws {
            let result = try await Self.validate(
                """
                version: 1
                stages:
                  thumbs:
                    uses: image.resise
                    with: { image: assets/one.png, width: 10 }
                  final:
                    uses: rename
                    for_each: ${{ stages.thumbs }}
                    with: { to: "x.png" }
                """)
            #expect(result.status == 2)
            #expect(result.standardError.contains("unknown stage type 'image.resise'"), "\(result.standardError)")
            #expect(!result.standardError.contains("names an unknown stage"), "\(result.standardError)")
            #expect(result.standardError.contains("p.yaml: 1 error"), "\(result.standardError)")
        }

        @Test("a colliding output name that has ${{ item.stem }} is not told to add it")
        func collisionHintKnowsTheTemplate() async throws {
            let result = try await Self.validate(
                """
                version: 1
                inputs:
                  photos: { glob: "assets/*" }
                stages:
                  thumbs:
                    uses: image.resize
                    for_each: ${{ inputs.photos }}
                    with: { image: "${{ item }}", width: 10 }
                  final:
                    uses: rename
                    for_each: ${{ stages.thumbs }}
                    with: { to: "${{ item.stem }}.png" }
                """, images: ["assets/same.png", "assets/same.jpg"])
            #expect(result.status == 2)
            #expect(result.standardError.contains("would both write"), "\(result.standardError)")
            let hint = result.standardError.split(separator: "\n").first { $0.contains("hint:") } ?? ""
            #expect(!hint.contains("item.stem"), "\(result.standardError)")
            #expect(hint.contains("item.matrix.NAME"), "\(result.standardError)")
        }

        @Test("a missing pipeline file is not shown under an empty source excerpt")
        func missingFileHasNoExcerpt() async throws {
            let result = try await CommandRunner.run(["validate", "no/such/file.yaml"])
            #expect(result.status == 2)
            #expect(result.standardError.contains("no/such/file.yaml:1:1: error: 'no/such/file.yaml': no such file"))
            #expect(!result.standardError.contains(" | "), "\(result.standardError)")
        }

        @Test("a cycle is reported at the for_each that closes it")
        func cycleAtTheClosingForEach() async throws {
            let result = try await Self.validate(
                """
                version: 1
                inputs:
                  photos: { glob: "assets/*" }
                stages:
                  thumbs:
                    uses: image.resize
                    for_each: ${{ inputs.photos }}
                    with: { image: "${{ item }}", width: 10 }
                  clips:
                    uses: magic_hour.image_to_video
                    for_each: ${{ stages.files }}
                    with: { image: "${{ item.path }}", end_seconds: 5 }
                  files:
                    uses: download
                    for_each: ${{ stages.clips }}
                """)
            #expect(result.status == 2)
            #expect(
                result.standardError.contains("p.yaml:11:26: error: stages form a cycle"), "\(result.standardError)")
        }

        @Test("plan says when a resize will not reach its target size, and not when it will")
        func planNotesResizesThatStaySmall() async throws {
            let workspace = try PipelineWorkspace("resize-notes")
            defer { workspace.remove() }
            try workspace.addImage("products/backpack.png", as: "small.png")
            try FileManager.default.copyItem(
                atPath: PipelineWorkspace.assets + "/launch/watch.jpg", toPath: workspace.path("assets/large.jpg"))
            try workspace.write(
                "p.yaml",
                """
                version: 1
                inputs:
                  photos: { glob: "assets/*" }
                stages:
                  thumbs:
                    uses: image.resize
                    for_each: ${{ inputs.photos }}
                    with: { image: "${{ item }}", width: 1280, height: 720, fit: cover }
                """)
            let plan = try await CommandRunner.run(["plan", "p.yaml"], in: workspace.directory)
            #expect(plan.status == 0, "\(plan.standardError)")
            let notes = plan.standardOutput.split(separator: "\n").filter { $0.hasPrefix("note: ") }
            #expect(
                notes == [
                    "note: assets/small.png is 960×640: smaller than 1280×720 and upscale is false, output stays 960×640 (thumbs[assets/small.png])"
                ], "\(plan.standardOutput)")
        }
    }
}
