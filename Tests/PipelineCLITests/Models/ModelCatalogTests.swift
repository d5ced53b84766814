import Foundation
import PipelineLanguage
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The model catalog against the vendor's documentation (`DocumentedModel`), through the real
/// parts: the compiler for validation, `pipeline plan`/`run`/`models` and `pipeline fake-api`.
@Suite(.serialized)
struct ModelCatalogTests {
    /// The `model` enum of `V1ImageToVideoCreateBody` in magic-hour 0.90.0 (PyPI).
    static let sdkModels: Set<String> = [
        "default", "gemini-omni-1.1", "kling-1.6", "kling-2.5", "kling-2.5-audio", "kling-2.6", "kling-3.0",
        "ltx-2", "ltx-2.3", "ltx-2.5", "minimax-h3", "seedance", "seedance-1.5", "seedance-2.0",
        "seedance-2.0-fast", "seedance-2.0-mini", "seedance-2.5", "sora-2", "veo3.1", "veo3.1-audio",
        "veo3.1-lite", "wan-2.2", "wan-3.0",
    ]
    /// Every whole second the API schema allows, and a fraction.
    static let lengths: [Double] = (1...60).map(Double.init) + [7.5]

    static func number(_ value: Double) -> String {
        value.rounded() == value ? String(Int(value)) : String(value)
    }

    @Test func catalogListsTheSDKsModelsWithDateAndSource() async throws {
        let result = try await CommandRunner.run(["models", "--format", "json"])
        #expect(result.status == 0, "\(result.standardError)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(object["as_of"] as? String == "2026-10")
        let models = try #require(object["models"] as? [[String: Any]])
        let ids = Set(models.compactMap { $0["id"] as? String })
        #expect(ids == Self.sdkModels)
        #expect(models.count == 23)
        #expect(Set(DocumentedModel.all.map(\.id)) == Self.sdkModels)
        for model in models {
            #expect((model["facts_date"] as? String)?.isEmpty == false)
            #expect((model["facts_source"] as? String)?.isEmpty == false)
            for (_, price) in model["prices"] as? [String: [String: Any]] ?? [:] {
                // Never 0: a model without a published price has no entry.
                #expect((price["credits_per_second"] as? Int ?? 0) > 0, "\(model["id"] ?? "")")
            }
        }
        let legacy = models.filter { $0["legacy_maps_to"] is String }.compactMap { $0["id"] as? String }
        #expect(Set(legacy) == ["kling-1.6", "kling-2.5", "kling-2.5-audio", "ltx-2", "seedance", "veo3.1-audio"])
        let text = try await CommandRunner.run(["models"])
        #expect(text.status == 0)
        #expect(text.standardOutput.contains("Facts as of 2026-10"))
        #expect(text.standardOutput.contains("magic-hour 0.90.0"))
        #expect(text.standardOutput.contains("unpriced"))
    }

    /// One stage over every resolution × length of `model`: the tasks the compiler refuses.
    static func refusedTasks(_ model: DocumentedModel) throws -> (refused: Set<String>, all: Set<String>) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("models-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("p.yaml").path
        try """
        version: 1
        name: lengths
        stages:
          clip:
            uses: magic_hour.image_to_video
            matrix:
              resolution: [\(DocumentedModel.allResolutions.joined(separator: ", "))]
              seconds: [\(lengths.map(number).joined(separator: ", "))]
            with:
              image: https://example.com/a.png
              model: \(model.id)
              end_seconds: ${{ matrix.seconds }}
              resolution: ${{ matrix.resolution }}

        """.write(toFile: file, atomically: true, encoding: .utf8)
        let compilation = PipelineCompiler().compile(file: file, options: PlanOptions(computeCacheKeys: false))
        var refused: Set<String> = []
        for diagnostic in compilation.errors {
            guard diagnostic.message.hasPrefix("clip{"), let end = diagnostic.message.range(of: "}: ") else {
                Issue.record("unexpected error: \(diagnostic)")
                continue
            }
            refused.insert(String(diagnostic.message[..<end.lowerBound]) + "}")
        }
        var all: Set<String> = []
        for resolution in DocumentedModel.allResolutions {
            for seconds in lengths { all.insert("clip{resolution=\(resolution),seconds=\(number(seconds))}") }
        }
        return (refused, all)
    }

    @Test("the validator accepts exactly the documented lengths and resolutions", arguments: DocumentedModel.all)
    func validatorFollowsTheDocs(_ model: DocumentedModel) throws {
        let (refused, all) = try Self.refusedTasks(model)
        var expected: Set<String> = []
        for resolution in DocumentedModel.allResolutions {
            for seconds in Self.lengths where !model.accepts(seconds: seconds, at: resolution) {
                expected.insert("clip{resolution=\(resolution),seconds=\(Self.number(seconds))}")
            }
        }
        #expect(refused.subtracting(expected).sorted() == [], "refused but documented")
        #expect(expected.subtracting(refused).sorted() == [], "accepted but not documented")
        #expect(all.count - refused.count > 0, "\(model.id) accepts nothing")
    }

    @Test func fakeAcceptsAndRejectsWhatTheDocsSay() async throws {
        let fake = try await FakeAPIProcess(extraArguments: ["--project-errors", "1"])
        defer { fake.stop() }
        var bodies: [[String: Any]] = []
        var expectations: [(label: String, accepted: Bool, field: String?)] = []
        for model in DocumentedModel.all {
            for resolution in DocumentedModel.allResolutions {
                for seconds in Self.lengths {
                    bodies.append(FakeCreates.body(model: model.id, seconds: seconds, resolution: resolution))
                    let accepted = model.accepts(seconds: seconds, at: resolution)
                    let field = model.resolutions.contains(resolution) ? "end_seconds: " : "resolution: "
                    expectations.append(("\(model.id) \(resolution) \(Self.number(seconds)) s", accepted, field))
                }
            }
            let resolution = model.resolutions[0]
            for audio in [false, true] {
                bodies.append(
                    FakeCreates.body(
                        model: model.id, seconds: model.commonSeconds, resolution: resolution, audio: audio))
                let accepted = audio ? model.audio != .none : model.audio != .always
                expectations.append(("\(model.id) audio \(audio)", accepted, "audio: "))
            }
        }
        let answers = try await FakeCreates.send(bodies, to: fake)
        try #require(answers.count == bodies.count)
        for (answer, expectation) in zip(answers, expectations) {
            if expectation.accepted {
                #expect(answer.status == 200, "\(expectation.label): \(answer.status) \(answer.message)")
            } else {
                #expect(answer.status == 422, "\(expectation.label): \(answer.status)")
                if let field = expectation.field {
                    #expect(answer.message.hasPrefix(field), "\(expectation.label): \(answer.message)")
                }
            }
        }
        // Schema errors are 400, naming the field.
        let schema = try await FakeCreates.send(
            [
                FakeCreates.body(model: "kling-3", seconds: 5, resolution: "720p"),
                FakeCreates.body(model: "kling-3.0", seconds: 61, resolution: "720p"),
                FakeCreates.body(model: "kling-3.0", seconds: 0.5, resolution: "720p"),
                FakeCreates.body(model: "kling-3.0", seconds: 5, resolution: "8k"),
            ], to: fake)
        #expect(schema.map(\.status) == [400, 400, 400, 400])
        #expect(
            zip(schema, ["model", "end_seconds", "end_seconds", "resolution"]).allSatisfy { $0.message.hasPrefix($1) })
    }

    /// A pipeline with one stage per model: every resolution it renders × audio off and on.
    static func pricePipeline() -> String {
        var lines = ["version: 1", "name: prices", "stages:"]
        for (index, model) in DocumentedModel.all.enumerated() {
            let audio: [Bool] =
                switch model.audio {
                case .none: [false]
                case .optional: [false, true]
                case .always: [true]
                }
            lines += [
                "  m\(index):",
                "    uses: magic_hour.image_to_video",
                "    matrix:",
                "      resolution: [\(model.resolutions.joined(separator: ", "))]",
                "      audio: [\(audio.map(String.init).joined(separator: ", "))]",
                "    with:",
                "      image: https://example.com/a.png",
                "      model: \(model.id)",
                "      end_seconds: \(number(model.commonSeconds))",
                "      resolution: ${{ matrix.resolution }}",
                "      audio: ${{ matrix.audio }}",
            ]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test("for every model, resolution and audio, the plan's estimate is what the fake charges")
    func planEstimateIsWhatTheFakeCharges() async throws {
        let workspace = try PipelineWorkspace("prices")
        defer { workspace.remove() }
        try workspace.write("prices.yaml", Self.pricePipeline())
        let plan = try await CommandRunner.run(["plan", "--format", "json", "prices.yaml"], in: workspace.directory)
        #expect(plan.status == 0, "\(plan.standardError)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(plan.standardOutput.utf8)) as? [String: Any])
        let tasks = try #require(object["tasks"] as? [[String: Any]])
        let fake = try await FakeAPIProcess(extraArguments: ["--project-errors", "1"])
        defer { fake.stop() }
        var bodies: [[String: Any]] = []
        var expected: [(label: String, credits: Int?, planned: [String: Any])] = []
        for task in tasks {
            let parameters = try #require(task["parameters"] as? [String: Any])
            let modelID = try #require(parameters["model"] as? String)
            let model = try #require(DocumentedModel.all.first { $0.id == modelID })
            let resolution = try #require(parameters["resolution"] as? String)
            let audio = try #require(parameters["audio"] as? Bool)
            bodies.append(
                FakeCreates.body(model: modelID, seconds: model.commonSeconds, resolution: resolution, audio: audio))
            expected.append(
                (
                    "\(modelID) \(resolution) audio \(audio)",
                    model.credits(seconds: model.commonSeconds, at: resolution, audio: audio), task
                ))
        }
        #expect(expected.count >= 60)
        let answers = try await FakeCreates.send(bodies, to: fake)
        try #require(answers.count == bodies.count)
        var priced = 0
        for (answer, expectation) in zip(answers, expected) {
            #expect(answer.status == 200, "\(expectation.label): \(answer.message)")
            if let credits = expectation.credits {
                priced += 1
                #expect(expectation.planned["credits"] as? Int == credits, "plan of \(expectation.label)")
                #expect(answer.credits == credits, "fake's charge for \(expectation.label)")
            } else {
                #expect(expectation.planned["unpriced"] as? Bool == true, "\(expectation.label) is unpriced")
                #expect(expectation.planned["credits"] is NSNull, "\(expectation.label) is not priced as 0")
            }
        }
        #expect(priced >= 30)
        #expect((object["unpriced_tasks"] as? Int ?? 0) == expected.count - priced)
    }

    @Test("a run against the fake is charged what the plan estimated")
    func runChargesThePlannedCredits() async throws {
        let workspace = try PipelineWorkspace("model-run")
        defer { workspace.remove() }
        try workspace.write(
            "clips.yaml",
            """
            version: 1
            name: models
            settings:
              output_dir: out
            stages:
              clips:
                uses: magic_hour.image_to_video
                matrix:
                  include:
                    - { model: kling-3.0, resolution: 720p, seconds: 5, audio: true }
                    - { model: kling-3.0, resolution: 4k, seconds: 3, audio: false }
                    - { model: veo3.1-lite, resolution: 1080p, seconds: 8, audio: true }
                    - { model: seedance-1.5, resolution: 480p, seconds: 4, audio: true }
                    - { model: wan-2.2, resolution: 1080p, seconds: 15, audio: false }
                with:
                  image: https://example.com/a.png
                  model: ${{ matrix.model }}
                  end_seconds: ${{ matrix.seconds }}
                  resolution: ${{ matrix.resolution }}
                  audio: ${{ matrix.audio }}

            """)
        // 5×(48+24) + 3×240 + 8×(72+24) + 4×(30+30) + 15×72
        let expected = 360 + 720 + 768 + 240 + 1080
        let plan = try await CommandRunner.run(["plan", "--format", "json", "clips.yaml"], in: workspace.directory)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(plan.standardOutput.utf8)) as? [String: Any])
        #expect(object["total_credits"] as? Int == expected, "\(plan.standardError)")
        let fake = try await FakeAPIProcess(renderTime: 0.2)
        defer { fake.stop() }
        let run = try await workspace.pipeline(
            ["run", "clips.yaml", "--api-base-url", fake.baseURL, "--no-live"], token: fake.token)
        #expect(run.status == 0, "\(run.transcript)")
        let stats = try await fake.stats()
        #expect(stats.creates == 5)
        #expect(stats.creditsCharged == expected)
        let models = stats.projectsCreatedPerBody.keys.compactMap { body in
            ((try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any])?["model"] as? String
        }
        #expect(Set(models) == ["kling-3.0", "veo3.1-lite", "seedance-1.5", "wan-2.2"])
    }

    @Test("a local end_image is uploaded like the image and sent as assets.end_image_file_path")
    func endImageIsUploaded() async throws {
        let workspace = try PipelineWorkspace("end-image")
        defer { workspace.remove() }
        try workspace.addImage("products/backpack.png", as: "first.png")
        try workspace.addImage("products/sneaker.png", as: "last.png")
        try workspace.write(
            "ends.yaml",
            """
            version: 1
            name: ends
            settings:
              output_dir: out
            stages:
              clip:
                uses: magic_hour.image_to_video
                with: { image: assets/first.png, end_image: assets/last.png, model: kling-3.0, end_seconds: 5 }

            """)
        let fake = try await FakeAPIProcess(renderTime: 0.2)
        defer { fake.stop() }
        let run = try await workspace.pipeline(
            ["run", "ends.yaml", "--api-base-url", fake.baseURL, "--no-live"], token: fake.token)
        #expect(run.status == 0, "\(run.transcript)")
        let stats = try await fake.stats()
        #expect(stats.creditsCharged == 5 * 48)
        let body = try #require(stats.projectsCreatedPerBody.keys.first)
        let object = try #require((try JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any])
        let assets = try #require(object["assets"] as? [String: Any])
        let first = try #require(assets["image_file_path"] as? String)
        let last = try #require(assets["end_image_file_path"] as? String)
        #expect(first.hasPrefix("api-assets/") && last.hasPrefix("api-assets/") && first != last, "\(assets)")
        #expect(object["model"] as? String == "kling-3.0")
    }

    @Test("paid tasks without a published price are shown as unpriced and need --allow-unpriced")
    func unpricedTasksNeedConsent() async throws {
        let workspace = try PipelineWorkspace("unpriced")
        defer { workspace.remove() }
        try workspace.write(
            "free.yaml",
            """
            version: 1
            name: unpriced
            settings:
              output_dir: out
              budget_credits: 5000
            stages:
              clip:
                uses: magic_hour.image_to_video
                with: { image: "https://example.com/a.png", model: ltx-2.5, end_seconds: 40, resolution: 1080p }

            """)
        let plan = try await CommandRunner.run(["plan", "free.yaml"], in: workspace.directory)
        #expect(plan.status == 0, "\(plan.standardError)")
        #expect(plan.standardOutput.contains("clip  [to run: new task]  unpriced"))
        #expect(plan.standardOutput.contains("0 + 1 unpriced"))
        #expect(plan.standardOutput.contains("1 unpriced task"))
        #expect(plan.standardOutput.contains("--allow-unpriced"))
        let fake = try await FakeAPIProcess(renderTime: 0.2)
        defer { fake.stop() }
        let refused = try await workspace.pipeline(
            ["run", "free.yaml", "--api-base-url", fake.baseURL, "--no-live"], token: fake.token)
        #expect(refused.status == 5, "\(refused.transcript)")
        #expect(refused.standardError.contains("no published price"))
        #expect(try await fake.stats().creates == 0)
        let allowed = try await workspace.pipeline(
            ["run", "free.yaml", "--api-base-url", fake.baseURL, "--no-live", "--allow-unpriced"], token: fake.token)
        #expect(allowed.status == 0, "\(allowed.transcript)")
        #expect(try await fake.stats().creates == 1)
    }

    @Test(
        "an interrupted unpriced task is resumed, never paid again: it is paid work, though without a price")
    func unpricedTaskIsResumed() async throws {
        let workspace = try PipelineWorkspace("unpriced-resume")
        defer { workspace.remove() }
        try workspace.write(
            "free.yaml",
            """
            version: 1
            name: resume
            settings:
              output_dir: out
            stages:
              clip:
                uses: magic_hour.image_to_video
                with: { image: "https://example.com/a.png", model: minimax-h3, end_seconds: 5, resolution: 480p }

            """)
        let fake = try await FakeAPIProcess(renderTime: 6)
        defer { fake.stop() }
        let arguments = ["run", "free.yaml", "--api-base-url", fake.baseURL, "--no-live", "--allow-unpriced"]
        let first = try await Spawned.pipeline(
            arguments, in: workspace.directory, environment: PipelineWorkspace.environment(token: fake.token))
        let deadline = Date().addingTimeInterval(30)
        while try await fake.stats().creates == 0, Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        try await Task.sleep(for: .milliseconds(300))
        first.signal(SIGINT)
        let interrupted = try await first.finish(timeout: 30)
        #expect(interrupted.status == 130, "\(interrupted.transcript)")
        let again = try await workspace.pipeline(arguments, token: fake.token)
        #expect(again.status == 0, "\(again.transcript)")
        #expect(again.runStartCounts?.resumable == 1, "\(again.transcript)")
        #expect(try await fake.stats().creates == 1)
    }

    @Test("the README's model table is the catalog's")
    func readmeTableIsTheCatalog() async throws {
        let generated = try await CommandRunner.run(["models", "--format", "markdown"])
        #expect(generated.status == 0)
        let readme = try String(contentsOfFile: CommandRunner.repository + "/README.md", encoding: .utf8)
        let begin = "<!-- models:begin (generated by `pipeline models --format markdown`) -->\n"
        let end = "<!-- models:end -->"
        let start = try #require(readme.range(of: begin), "README has no generated model table")
        let stop = try #require(readme.range(of: end, range: start.upperBound..<readme.endIndex))
        #expect(String(readme[start.upperBound..<stop.lowerBound]) == generated.standardOutput)
    }
}
