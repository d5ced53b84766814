import Foundation
import MagicHourRules
import PipelineLanguage
import Testing

/// The stage types made from the generation endpoints: each example validates and plans at the
/// catalog's price, a body without a required field or with a value out of range is an error at
/// its line and column, and the README's reference is the generated one.
@Suite struct EndpointStageTests {
    static let endpointIDs = EndpointCatalog.endpoints.map(\.id)

    /// A one-stage pipeline of `endpoint` with `with:` from `values`; its file fields get real
    /// (small) files in `folder`.
    static func pipeline(
        _ endpoint: GenerationEndpoint, _ values: [(String, String)], folder: TemporaryDirectory
    )
        throws -> String
    {
        for (name, value) in values where endpoint.field(name)?.media != nil {
            try folder.write(value, "bytes of \(value)")
        }
        let with = values.map { "      \($0.0): \"\($0.1)\"" }.joined(separator: "\n")
        return "version: 1\nname: endpoints\nstages:\n  job:\n    uses: \(endpoint.stageTypeName)\n    with:\n\(with)\n"
    }

    static func endpoint(_ id: String) throws -> GenerationEndpoint {
        try #require(EndpointCatalog[id: id])
    }

    @Test("every endpoint is a stage type whose parameters are its fields", arguments: endpointIDs)
    func everyEndpointIsAStageType(_ id: String) throws {
        let endpoint = try Self.endpoint(id)
        let type = try #require(StageTypeRegistry.builtIn[endpoint.stageTypeName])
        #expect(type.isPaid && type.callsMagicHour && type.endpoint?.id == id)
        #expect(type.parameters.map(\.name) == endpoint.fields.map(\.parameter) + ["name"])
        for field in endpoint.fields {
            let parameter = try #require(type.parameter(named: field.parameter))
            #expect(parameter.isRequired == (field.isRequired && field.defaultValue == nil), "\(field.parameter)")
            if case .file = field.kind { #expect(parameter.kind == .file(allowsURL: true)) }
        }
        #expect(type.output(named: "project_id") != nil && type.output(named: "credits_charged") != nil)
        #expect(type.downloadExtension == endpoint.outputExtension)
    }

    @Test("each endpoint's example validates and plans at the catalog's price", arguments: endpointIDs)
    func exampleValidatesAndPlans(_ id: String) throws {
        let endpoint = try Self.endpoint(id)
        let folder = try TemporaryDirectory()
        let compilation = compile(try Self.pipeline(endpoint, endpoint.example, folder: folder), directory: folder.path)
        #expect(!compilation.hasErrors, "\(compilation.diagnostics)")
        let task = try #require(compilation.plan?.tasks.first)
        var values = EndpointStage.values(task.parameters.dictionary)
        values["name"] = nil
        let expected = EndpointRules.cost(endpoint, values)
        #expect(task.isUnpriced == (expected == nil))
        #expect(task.credits == (expected?.credits ?? 0))
        // Every required field has a value (given, or the stage's default).
        for field in endpoint.fields where field.isRequired {
            #expect(task.parameters[field.parameter] != nil, "\(field.parameter)")
        }
    }

    @Test("a body without a required field is an error at the stage", arguments: endpointIDs)
    func missingRequiredFieldIsAnError(_ id: String) throws {
        let endpoint = try Self.endpoint(id)
        // A required field without a default: leaving it out must be refused.
        guard let required = endpoint.fields.first(where: { $0.isRequired && $0.defaultValue == nil }) else { return }
        let folder = try TemporaryDirectory()
        let values = endpoint.example.filter { $0.0 != required.parameter }
        let compilation = compile(try Self.pipeline(endpoint, values, folder: folder), directory: folder.path)
        let errors = compilation.diagnostics.filter { $0.severity == .error }
        #expect(errors.contains { $0.message.contains(required.parameter) }, "\(compilation.diagnostics)")
        #expect(errors.allSatisfy { $0.location.line >= 4 }, "\(errors)")
    }

    @Test("a value out of its range or choices is an error at its line and column", arguments: endpointIDs)
    func badValueIsAnErrorAtItsPosition(_ id: String) throws {
        let endpoint = try Self.endpoint(id)
        let candidate = endpoint.fields.first { field in
            switch field.kind {
            case .integer, .number, .choice: true
            default: false
            }
        }
        guard let field = candidate else { return }
        let bad: String =
            switch field.kind {
            case .integer(let range): String(range.upperBound + 1)
            case .number(let range): String(range.upperBound + 1)
            default: "not-a-choice"
            }
        let folder = try TemporaryDirectory()
        let values = endpoint.example.filter { $0.0 != field.parameter } + [(field.parameter, bad)]
        let text = try Self.pipeline(endpoint, values, folder: folder)
        let compilation = compile(text, directory: folder.path)
        let error = try #require(
            compilation.diagnostics.first { $0.severity == .error && $0.message.contains(field.parameter) },
            "\(compilation.diagnostics)")
        // The line of the bad value, and the column where the value starts.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let line = try #require(lines.firstIndex { $0.hasPrefix("      \(field.parameter):") }) + 1
        #expect(error.location.line == line)
        #expect(error.location.column == field.parameter.count + 9)
    }

    @Test("prices from the docs' table, computed through the stage types")
    func pricesFromTheDocsTable() throws {
        func credits(_ id: String, _ values: [(String, String)]) throws -> Int? {
            let endpoint = try Self.endpoint(id)
            let folder = try TemporaryDirectory()
            let compilation = compile(try Self.pipeline(endpoint, values, folder: folder), directory: folder.path)
            #expect(!compilation.hasErrors, "\(compilation.diagnostics)")
            let task = try #require(compilation.plan?.tasks.first)
            return task.isUnpriced ? nil : task.credits
        }
        #expect(try credits("ai-image-upscaler", [("image", "a.png"), ("scale_factor", "4")]) == 200)
        #expect(
            try credits("ai-image-upscaler", [("image", "a.png"), ("scale_factor", "2"), ("mode", "preserve")]) == 25)
        #expect(try credits("ai-image-upscaler", [("image", "a.png"), ("scale_factor", "3")]) == nil)
        let lipSync = [("video", "v.mp4"), ("audio", "a.mp3"), ("start_seconds", "1"), ("end_seconds", "5")]
        #expect(try credits("lip-sync", lipSync) == 96)  // 4 s × 24 fps × 1
        #expect(try credits("lip-sync", lipSync + [("mode", "pro")]) == 192)
        #expect(try credits("lip-sync", lipSync + [("max_fps_limit", "12")]) == 48)
        let voice = String(repeating: "a", count: 41)
        #expect(try credits("ai-voice-generator", [("prompt", voice), ("voice", "Morgan Freeman")]) == 3)
        #expect(
            try credits("auto-subtitle-generator", [("video", "v.mp4"), ("start_seconds", "0"), ("end_seconds", "10")])
                == 48)
        #expect(
            try credits("ai-image-generator", [("prompt", "x"), ("model", "nano-banana-2"), ("image_count", "4")])
                == 400)
        #expect(try credits("ai-image-generator", [("prompt", "x")]) == nil)  // `default`: no published price
        #expect(
            try credits(
                "text-to-video", [("prompt", "x"), ("end_seconds", "5"), ("model", "ltx-2.3"), ("resolution", "480p")])
                == 120)
        #expect(
            try credits("audio-to-video", [("audio", "a.mp3"), ("end_seconds", "3"), ("resolution", "1080p")]) == 216)
        #expect(try credits("ai-qr-code-generator", [("content", "x"), ("art_style", "y")]) == 0)
        #expect(try credits("ai-video-editor", [("video", "v.mp4"), ("end_seconds", "4"), ("prompt", "x")]) == nil)
    }

    @Test("the catalog's per-model rules are errors: image counts, resolutions, segment order")
    func perModelRules() throws {
        func errors(_ id: String, _ values: [(String, String)]) throws -> [String] {
            let endpoint = try Self.endpoint(id)
            let folder = try TemporaryDirectory()
            let compilation = compile(try Self.pipeline(endpoint, values, folder: folder), directory: folder.path)
            return compilation.diagnostics.filter { $0.severity == .error }.map(\.message)
        }
        let count = try errors(
            "ai-image-generator", [("prompt", "x"), ("model", "flux-2-klein"), ("image_count", "2")])
        #expect(count.contains { $0.contains("flux-2-klein makes 1 images per job") }, "\(count)")
        let size = try errors("ai-image-generator", [("prompt", "x"), ("model", "nano-banana"), ("resolution", "4k")])
        #expect(size.contains { $0.contains("nano-banana renders 640px, 1k, not 4k") }, "\(size)")
        let order = try errors(
            "face-swap", [("video", "v.mp4"), ("image", "f.png"), ("start_seconds", "5"), ("end_seconds", "2")])
        #expect(order.contains { $0.contains("must be after start_seconds") }, "\(order)")
        let model = try errors("text-to-video", [("prompt", "x"), ("end_seconds", "20"), ("model", "kling-3.0")])
        #expect(model.contains { $0.contains("kling-3.0 takes 3–15 s, got 20") }, "\(model)")
        #expect(try errors("ai-voice-generator", [("prompt", "x"), ("voice", "Nobody")]).count == 1)
    }

    @Test("a download after an image or audio stage writes .png, .gif or .mp3")
    func downloadsAreNamedByTheUpstreamKind() throws {
        let folder = try TemporaryDirectory()
        let text = """
            version: 1
            name: kinds
            stages:
              shots:
                uses: magic_hour.ai_image_generator
                with: { prompt: "a shot", model: flux-schnell }
              gif:
                uses: magic_hour.ai_gif_generator
                with: { prompt: "a gif" }
              voice:
                uses: magic_hour.ai_voice_generator
                with: { prompt: "hello", voice: "Morgan Freeman" }
              shot_files: { uses: download, for_each: "${{ stages.shots }}" }
              gif_files: { uses: download, for_each: "${{ stages.gif }}" }
              voice_files: { uses: download, for_each: "${{ stages.voice }}" }
            """
        let compilation = compile(text, directory: folder.path)
        #expect(!compilation.hasErrors, "\(compilation.diagnostics)")
        let paths = Dictionary(
            uniqueKeysWithValues: (compilation.plan?.tasks ?? []).map { ($0.stage, $0.outputPath ?? "") })
        #expect(paths["shot_files"]?.hasSuffix(".png") == true, "\(paths)")
        #expect(paths["gif_files"]?.hasSuffix(".gif") == true, "\(paths)")
        #expect(paths["voice_files"]?.hasSuffix(".mp3") == true, "\(paths)")
    }

    @Test("the README's reference of the endpoint stage types is the generated one")
    func readmeReferenceIsGenerated() throws {
        let readme = try String(contentsOfFile: TestPaths.repository + "/README.md", encoding: .utf8)
        let begin = "<!-- types:begin (generated by `pipeline types --format markdown`) -->\n"
        let start = try #require(readme.range(of: begin), "README has no generated stage type reference")
        let stop = try #require(readme.range(of: "<!-- types:end -->", range: start.upperBound..<readme.endIndex))
        #expect(String(readme[start.upperBound..<stop.lowerBound]) == StageTypeReference.markdown())
        for endpoint in EndpointCatalog.endpoints {
            #expect(readme.contains("### `\(endpoint.stageTypeName)`"), "\(endpoint.id)")
        }
    }
}
