import Foundation
import MagicHourRules
import Testing

extension EngineAcceptanceTests {
    /// Every generation endpoint's stage type, run through the CLI against the fake: it plans its
    /// example, pays exactly what the plan said, downloads valid files of its kind, and a second
    /// run pays nothing.
    @Suite(.timeLimit(.minutes(10)))
    struct EndpointRunTests {
        /// Real media for the examples' file names: the sneaker photo, a 6 s MP4 with sound at
        /// 24 fps, a 6 s MP3.
        static func addInputs(_ endpoint: GenerationEndpoint, to workspace: PipelineWorkspace) async throws {
            for (name, value) in endpoint.example where endpoint.field(name)?.media != nil {
                let target = workspace.path(value)
                switch PipelineWorkspaceMedia.kind(of: value) {
                case .image:
                    try FileManager.default.copyItem(
                        atPath: PipelineWorkspace.assets + "/products/sneaker.png", toPath: target)
                case .video:
                    try await PipelineWorkspaceMedia.ffmpeg([
                        "-f", "lavfi", "-i", "testsrc=size=320x240:rate=24:duration=6", "-f", "lavfi", "-i",
                        "sine=frequency=330:duration=6", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt",
                        "yuv420p", "-c:a", "aac", "-shortest", target,
                    ])
                case .audio:
                    try await PipelineWorkspaceMedia.ffmpeg([
                        "-f", "lavfi", "-i", "sine=frequency=440:duration=6", "-c:a", "libmp3lame", target,
                    ])
                }
            }
        }

        static func pipeline(_ endpoint: GenerationEndpoint) -> String {
            let with = endpoint.example.map { "      \($0.0): \"\($0.1)\"" }.joined(separator: "\n")
            return """
                version: 1
                name: endpoint-run
                settings: { output_dir: out }
                stages:
                  job:
                    uses: \(endpoint.stageTypeName)
                    with:
                \(with)
                  files:
                    uses: download
                    for_each: ${{ stages.job }}

                """
        }

        @Test("a local video is billed by its real length and frame rate, read with libavformat")
        func localInputIsBilledByItsRealLength() async throws {
            let workspace = try PipelineWorkspace("timed-input")
            defer { workspace.remove() }
            // 3 s at 30 fps, asked for 0–10 s: 3 s are billed, 90 frames.
            try await PipelineWorkspaceMedia.ffmpeg([
                "-f", "lavfi", "-i", "testsrc=size=160x120:rate=30:duration=3", "-c:v", "libx264", "-preset",
                "ultrafast", "-pix_fmt", "yuv420p", workspace.path("short.mp4"),
            ])
            try workspace.write(
                "t.yaml",
                """
                version: 1
                name: timed
                stages:
                  restyle:
                    uses: magic_hour.video_to_video
                    with: { video: short.mp4, start_seconds: 0, end_seconds: 10, art_style: Watercolor }
                  sync:
                    uses: magic_hour.lip_sync
                    with: { video: short.mp4, audio: short.mp4, start_seconds: 1, end_seconds: 10 }
                """)
            let plan = try await workspace.pipeline(["plan", "t.yaml", "--format", "json"], token: nil)
            #expect(plan.status == 0, "\(plan.transcript)")
            let planned = try JSONSerialization.jsonObject(with: Data(plan.standardOutput.utf8)) as? [String: Any]
            let stages = (planned?["stages"] as? [[String: Any]]) ?? []
            let credits = Dictionary(
                uniqueKeysWithValues: stages.map { ($0["name"] as? String ?? "", $0["credits"] as? Int ?? -1) })
            #expect(credits["restyle"] == 144, "\(credits)")  // 48/s × 3 s
            #expect(credits["sync"] == 60, "\(credits)")  // (3 − 1) s × 30 fps × 1
            let text = try await workspace.pipeline(["plan", "t.yaml"], token: nil)
            #expect(!text.standardOutput.contains("note: restyle"), "a local input's price is no estimate")
        }

        @Test("one content is uploaded once, and two tasks of one paid job in a run buy it once, without an uncertain")
        func sameContentIsUploadedOnce() async throws {
            let fake = try await FakeAPIProcess(renderTime: 0.2)
            defer { fake.stop() }
            let workspace = try PipelineWorkspace("upload-once")
            defer { workspace.remove() }
            try workspace.addImage("products/sneaker.png", as: "a.png")
            try workspace.addImage("products/sneaker.png", as: "b.png")
            try workspace.addImage("products/backpack.png", as: "c.png")
            try workspace.write(
                "u.yaml",
                """
                version: 1
                name: uploads
                stages:
                  heads:
                    uses: magic_hour.ai_headshot_generator
                    for_each: [assets/a.png, assets/b.png, assets/c.png]
                    matrix: { prompt: [studio, outdoor] }
                    with: { image: "${{ item }}", prompt: "${{ matrix.prompt }}" }
                """)
            let run = try await workspace.pipeline(
                ["run", "u.yaml", "--api-base-url", fake.baseURL], token: fake.token)
            #expect(run.status == 0, "\(run.transcript)")
            let stats = try await fake.stats()
            // a.png and b.png are one content: with the same prompt they are one paid job (one
            // cache key), bought once; the task that meets it in its create call waits for the
            // project instead of calling it uncertain. Four jobs, two uploads (two contents).
            #expect(stats.creates == 4, "\(run.transcript)")
            #expect(stats.requestsPerRoute["PUT /_uploads"] == 2, "\(stats.requestsPerRoute)")
            #expect(stats.creditsCharged == 200)
            #expect(!run.allOutput.contains("uncertain: a create call"), "\(run.transcript)")
            let again = try await workspace.pipeline(
                ["run", "u.yaml", "--api-base-url", fake.baseURL], token: fake.token)
            #expect(again.status == 0 && again.standardOutput.contains("6 cached"), "\(again.transcript)")
            #expect(try await fake.stats().creates == 4)
        }

        @Test("image-to-video uploads one content once: three clips of one image and its copy, one upload")
        func imageToVideoUploadsOnce() async throws {
            let fake = try await FakeAPIProcess(renderTime: 0.2)
            defer { fake.stop() }
            let workspace = try PipelineWorkspace("i2v-upload-once")
            defer { workspace.remove() }
            try workspace.addImage("products/sneaker.png", as: "a.png")
            try workspace.addImage("products/sneaker.png", as: "b.png")
            try workspace.write(
                "v.yaml",
                """
                version: 1
                name: i2v-uploads
                stages:
                  clips:
                    uses: magic_hour.image_to_video
                    for_each: [assets/a.png, assets/b.png]
                    matrix: { motion: [push, orbit, pan] }
                    with:
                      image: "${{ item }}"
                      model: ltx-2.3
                      end_seconds: 5
                      resolution: 480p
                      prompt: "${{ matrix.motion }} on ${{ item }}"
                """)
            let run = try await workspace.pipeline(
                ["run", "v.yaml", "--api-base-url", fake.baseURL], token: fake.token)
            #expect(run.status == 0, "\(run.transcript)")
            let stats = try await fake.stats()
            // Six clips (the prompts name the file, so six paid jobs), one content: one upload.
            #expect(stats.creates == 6, "\(run.transcript)")
            #expect(stats.requestsPerRoute["PUT /_uploads"] == 1, "\(stats.requestsPerRoute)")
            #expect(stats.requestsPerRoute["POST /v1/files/upload-urls"] == 1, "\(stats.requestsPerRoute)")
        }

        @Test(
            "each endpoint's stage type runs against the fake, charged what the plan said, and downloads valid files",
            arguments: EndpointCatalog.endpoints.map(\.id))
        func runsAgainstTheFake(_ id: String) async throws {
            let endpoint = try #require(EndpointCatalog[id: id])
            let fake = try await FakeAPIProcess(renderTime: 0.2)
            defer { fake.stop() }
            let workspace = try PipelineWorkspace("endpoint-\(id)")
            defer { workspace.remove() }
            try await Self.addInputs(endpoint, to: workspace)
            try workspace.write("job.yaml", Self.pipeline(endpoint))

            let plan = try await workspace.pipeline(["plan", "job.yaml", "--format", "json"], token: nil)
            #expect(plan.status == 0, "\(plan.transcript)")
            let planned = try JSONSerialization.jsonObject(with: Data(plan.standardOutput.utf8)) as? [String: Any]
            let unpriced = planned?["unpriced_tasks"] as? Int ?? 0
            let credits = try #require(planned?["total_credits"] as? Int)

            var arguments = ["run", "job.yaml", "--api-base-url", fake.baseURL]
            if unpriced > 0 { arguments.append("--allow-unpriced") }
            let run = try await workspace.pipeline(arguments, token: fake.token)
            #expect(run.status == 0, "\(run.transcript)")
            let stats = try await fake.stats()
            #expect(stats.creates == 1, "\(run.transcript)")
            if unpriced == 0 {
                #expect(stats.creditsCharged == credits, "planned \(credits), charged \(stats.creditsCharged)")
            }
            // Every file the download wrote is a file of the project's kind.
            let files = workspace.listing("out/.work/files").compactMap {
                $0.split(separator: " ").first.map(String.init)
            }
            #expect(!files.isEmpty, "\(run.transcript)")
            for file in files {
                let head = try #require(workspace.contents("out/.work/files/" + file)).prefix(12)
                #expect(PipelineWorkspaceMedia.matches(endpoint.kind.media, head: Array(head)), "\(file)")
                #expect(file.hasSuffix("." + endpoint.outputExtension), "\(file)")
            }

            let again = try await workspace.pipeline(arguments, token: fake.token)
            #expect(again.status == 0, "\(again.transcript)")
            #expect(try await fake.stats().creates == 1, "the second run paid again")
        }
    }
}

/// Media for the workspace of a test, made with ffmpeg, and the signatures of what it downloads.
enum PipelineWorkspaceMedia {
    static func kind(of file: String) -> MediaKind {
        switch URL(fileURLWithPath: file).pathExtension.lowercased() {
        case "mp4", "mov", "webm": .video
        case "mp3", "wav", "m4a": .audio
        default: .image
        }
    }

    static func ffmpeg(_ arguments: [String]) async throws {
        let result = try await CommandRunner.run(
            program: "/usr/bin/env", ["ffmpeg", "-hide_banner", "-loglevel", "error", "-y"] + arguments)
        #expect(result.status == 0, "ffmpeg: \(result.standardError)")
    }

    /// Whether `head` starts like a file of `media`: MP4 `ftyp`; PNG, JPEG, WebP or GIF; MP3 or WAV.
    static func matches(_ media: MediaKind, head: [UInt8]) -> Bool {
        func at(_ offset: Int, _ text: String) -> Bool {
            let bytes = Array(text.utf8)
            return head.count >= offset + bytes.count && Array(head[offset..<offset + bytes.count]) == bytes
        }
        switch media {
        case .video: return at(4, "ftyp")
        case .image:
            return (head.first == 0x89 && at(1, "PNG")) || head.starts(with: [0xFF, 0xD8, 0xFF]) || at(0, "GIF8")
                || (at(0, "RIFF") && at(8, "WEBP"))
        case .audio:
            return at(0, "ID3") || (head.count > 1 && head[0] == 0xFF && head[1] & 0xE0 == 0xE0)
                || (at(0, "RIFF") && at(8, "WAVE"))
        }
    }
}
