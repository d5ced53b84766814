import Foundation
import Testing

extension EngineAcceptanceTests {
    /// `pipeline report` on runs made by the real CLI against the real fake API; the page checked
    /// as text and, in headless Chromium, as rendered.
    @Suite(.timeLimit(.minutes(5)))
    struct ReportCommandTests {
        /// A corrupt image whose name carries markup and quotes into task ids and error messages.
        static let hostileImage = #"assets/<b>&"q".png"#

        @Test("a report of a real run: graph, timeline, credits, thumbnails and videos that are the real files")
        func reportOfSuccessfulRun() async throws {
            let fake = try await FakeAPIProcess(renderTime: 0.3)
            defer { fake.stop() }
            let workspace = try PipelineWorkspace("report")
            defer { workspace.remove() }
            try workspace.addImage("products/backpack.png")
            try workspace.addImage("products/watch.jpg")
            try workspace.write("launch.yaml", AcceptancePipelines.launch(takes: ["one", "two"]))
            let run = try await workspace.pipeline(
                ["run", "launch.yaml", "--api-base-url", fake.baseURL], token: fake.token)
            #expect(run.status == 0, "\(run.transcript)")

            // The API key is in the environment; nothing of the environment goes into the page.
            let made = try await workspace.pipeline(["report", "launch.yaml", "-o", "report.html"], token: fake.token)
            #expect(made.status == 0, "\(made.transcript)")
            let firstRun = try #require(Self.runID(in: made.standardOutput), "\(made.transcript)")
            #expect(made.standardOutput.contains("2 videos embedded"), "\(made.transcript)")
            let html = try #require(workspace.contents("report.html").map { String(decoding: $0, as: UTF8.self) })
            for stage in ["thumbs", "clips", "files", "final"] {
                #expect(
                    html.contains(#"<g class="stage-node" data-stage="\#(stage)" data-outcome="succeeded">"#),
                    "\(stage)")
            }
            #expect(Self.count(#"<g class="stage-edge""#, in: html) == 3)
            #expect(Self.count(#"<g class="timeline-row""#, in: html) == 14)
            #expect(html.contains(#"class="phase phase-rendering""#))
            #expect(html.contains(#"class="phase phase-uploading""#))
            #expect(html.contains(#"class="phase phase-downloading""#))
            #expect(html.contains(#"class="phase phase-resizing""#))
            #expect(html.contains(#"<td class="number run-credits">480</td>"#))
            #expect(
                html.contains(
                    #"<tr data-stage="clips"><td>clips</td><td><code>magic_hour.image_to_video</code></td><td class="number">4</td>"#
                ))
            #expect(html.contains("No task failed."))
            #expect(html.contains(#"<dd data-fact="run"><code>\#(firstRun)</code></dd>"#))
            #expect(!html.contains(fake.token))

            // Thumbnails are JPEGs; the videos are the files on disk (the takes of one image render
            // the same video here, so there are two contents for four final files).
            let thumbnails = Self.dataURIs(in: html, type: "image/jpeg")
            #expect(thumbnails.count == 2)
            #expect(thumbnails.allSatisfy { $0.starts(with: [0xFF, 0xD8, 0xFF]) })
            let videos = Self.dataURIs(in: html, type: "video/mp4")
            let finals = ["backpack-one", "backpack-two", "watch-one", "watch-two"].compactMap {
                workspace.contents("out/\($0).mp4")
            }
            #expect(finals.count == 4)
            #expect(videos.count == 2)
            #expect(Set(videos) == Set(finals))
            #expect(Self.count("<video controls", in: html) == 2)

            // A second run is all cached: the default is the newest run, and it ran nothing.
            let again = try await workspace.pipeline(
                ["run", "launch.yaml", "--api-base-url", fake.baseURL], token: fake.token)
            #expect(again.status == 0, "\(again.transcript)")
            let cached = try await workspace.pipeline(["report", "launch.yaml", "-o", "cached.html"], token: nil)
            #expect(cached.status == 0, "\(cached.transcript)")
            #expect(Self.runID(in: cached.standardOutput) != firstRun)
            let cachedHTML = String(decoding: workspace.contents("cached.html") ?? Data(), as: UTF8.self)
            #expect(cachedHTML.contains(#"data-stage="clips" data-outcome="cached""#))
            #expect(cachedHTML.contains("No task ran in this run."))
            #expect(cachedHTML.contains("14 tasks did not run and have no bar: 14 cached, 0 skipped"))
            #expect(Self.dataURIs(in: cachedHTML, type: "video/mp4").count == 2, "cached outputs are shown too")

            // The first run by id, without the file (found from the run's record), videos linked.
            let linked = try await workspace.pipeline(
                [
                    "report", firstRun, "--state", ".pipeline/state.db", "--embed-limit-mb", "0", "-o",
                    "reports/linked.html",
                ], token: nil)
            #expect(linked.status == 0, "\(linked.transcript)")
            #expect(linked.standardOutput.contains("0 videos embedded, 2 linked"), "\(linked.transcript)")
            let linkedHTML = String(decoding: workspace.contents("reports/linked.html") ?? Data(), as: UTF8.self)
            #expect(linkedHTML.contains(#"<dd data-fact="run"><code>\#(firstRun)</code></dd>"#))
            #expect(
                Self.count(#"<g class="stage-edge""#, in: linkedHTML) == 3, "the graph comes from the recorded file")
            #expect(linkedHTML.contains("would pass the embed limit"))
            #expect(!linkedHTML.contains("data:video/mp4"))
            let hrefs = Self.videoSources(in: linkedHTML)
            #expect(hrefs.count == 2)
            for href in hrefs {
                #expect(href.hasPrefix("../out/"), "\(href)")
                #expect(
                    FileManager.default.fileExists(atPath: workspace.path("reports/" + href)),
                    "\(href) does not resolve")
            }

            // Outputs deleted since: shown as missing, not a crash (the run named by a unique prefix).
            let backpack = try #require(workspace.contents("out/backpack-one.mp4"))
            for entry in workspace.listing("out") {
                let relative = "out/" + String(entry.split(separator: " ")[0])
                if relative.hasSuffix(".mp4"), workspace.contents(relative) == backpack {
                    try FileManager.default.removeItem(atPath: workspace.path(relative))
                }
            }
            let missing = try await workspace.pipeline(
                ["report", "launch.yaml", String(firstRun.dropLast(2)), "-o", "missing.html"], token: nil)
            #expect(missing.status == 0, "\(missing.transcript)")
            #expect(Self.runID(in: missing.standardOutput) == firstRun)
            let missingHTML = String(decoding: workspace.contents("missing.html") ?? Data(), as: UTF8.self)
            #expect(Self.count(#"data-source="missing""#, in: missingHTML) == 1)
            #expect(Self.dataURIs(in: missingHTML, type: "video/mp4").count == 1)

            // An unknown run id is a usage error that says what to do.
            let unknown = try await workspace.pipeline(
                ["report", "nosuchrun", "--state", ".pipeline/state.db"], token: nil)
            #expect(unknown.status == 2, "\(unknown.transcript)")
            #expect(unknown.standardError.contains("no run 'nosuchrun'"))
            #expect(unknown.standardError.contains("pipeline runs"))
        }

        @Test("a run with a failure: the stage is red and the messages are on the page, escaped")
        func reportOfFailedRun() async throws {
            let fake = try await FakeAPIProcess(renderTime: 0.3)
            defer { fake.stop() }
            let workspace = try await Self.failedRun(fake)
            defer { workspace.remove() }
            let made = try await workspace.pipeline(["report", "-o", "report.html"], token: nil)
            #expect(made.status == 0, "\(made.transcript)")
            let html = String(decoding: workspace.contents("report.html") ?? Data(), as: UTF8.self)
            #expect(html.contains(#"<g class="stage-node" data-stage="thumbs" data-outcome="failed">"#))
            #expect(html.contains(#"<g class="stage-node" data-stage="clips" data-outcome="skipped">"#))
            #expect(html.contains(##"fill="#d0312d""##))
            #expect(html.contains(#"<dd data-fact="outcome"><span class="badge outcome-failed""#))
            #expect(html.contains(#"<dd data-fact="failed">1</dd>"#))
            let escapedImage = #"assets/&lt;b&gt;&amp;&quot;q&quot;.png"#
            #expect(html.contains(#"<article class="failure status-failed" data-task="thumbs[\#(escapedImage)]">"#))
            #expect(html.contains("\(escapedImage) cannot be read as an image"))
            #expect(html.contains("2 skipped tasks"))
            #expect(!html.contains(#"<b>&"q""#), "raw markup from a file name reached the page")
            #expect(!html.contains("<b>"))
            #expect(html.contains(#"data-status="failed""#), "the failed task has a timeline row")
            #expect(Self.dataURIs(in: html, type: "video/mp4").count == 1)
        }

        @Test("the report renders in headless Chromium: non-blank, with the graph, videos, timeline and failures")
        func rendersInChromium() async throws {
            guard let chromium = Self.chromium() else {
                Issue.record(
                    "chromium is not installed: run .ci/install-deps (Debian package 'chromium'); this test needs a real browser"
                )
                return
            }
            let fake = try await FakeAPIProcess(renderTime: 0.3)
            defer { fake.stop() }
            let workspace = try await Self.failedRun(fake)
            defer { workspace.remove() }
            let made = try await workspace.pipeline(["report", "launch.yaml", "-o", "report.html"], token: nil)
            #expect(made.status == 0, "\(made.transcript)")
            let page = URL(fileURLWithPath: workspace.path("report.html")).absoluteString
            let profile = workspace.path("chromium-profile")
            let common = [
                "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--hide-scrollbars", "--mute-audio",
                "--user-data-dir=\(profile)", "--window-size=1280,2000",
            ]
            let shot = workspace.path("shot.png")
            let screenshot = try await Spawned.start(chromium, common + ["--screenshot=\(shot)", page]).finish(
                timeout: 90)
            #expect(screenshot.status == 0, "\(screenshot.allOutput)")
            let png = try #require(
                workspace.contents("shot.png"), "chromium wrote no screenshot: \(screenshot.allOutput)")
            let pixels = try await Self.pixelStatistics(shot)
            #expect(pixels.width == 1280 && pixels.height == 2000, "\(pixels)")
            #expect(pixels.nonWhite > 0.05, "the screenshot is (nearly) blank: \(pixels)")
            #expect(pixels.deviation > 10, "the screenshot is flat: \(pixels)")
            #expect(pixels.redPixels > 200, "the failed stage's red box is not on screen: \(pixels)")
            #expect(png.count > 10_000)

            let dump = try await Spawned.start(chromium, common + ["--dump-dom", page]).finish(timeout: 90)
            #expect(dump.status == 0, "\(dump.standardError)")
            let dom = dump.standardOutput
            for stage in ["thumbs", "clips", "files"] {
                #expect(dom.contains(#"data-stage="\#(stage)""#), "no graph node for \(stage)")
            }
            #expect(Self.count(#"class="stage-node""#, in: dom) == 3)
            #expect(Self.count(#"class="stage-edge""#, in: dom) == 2)
            #expect(Self.count("<video", in: dom) == 1)
            #expect(Self.count(#"class="timeline-row""#, in: dom) == 4)
            #expect(Self.count("<img", in: dom) == 1)
            #expect(dom.contains("cannot be read as an image"))
            #expect(dom.contains(#"&lt;b&gt;&amp;"q".png"#) || dom.contains(#"&lt;b&gt;&amp;&quot;q&quot;.png"#))
            #expect(!dom.contains("<b>&"))
        }

        /// Resize, render, download (no rename: a name with `<` is no final file name).
        static let failingPipeline = """
            version: 1
            name: failing
            settings:
              output_dir: out
            inputs:
              photos:
                glob: assets/*.png
            stages:
              thumbs:
                uses: image.resize
                for_each: ${{ inputs.photos }}
                with: { image: "${{ item }}", width: 160, height: 90, fit: cover }
              clips:
                uses: magic_hour.image_to_video
                for_each: ${{ stages.thumbs }}
                with: { image: "${{ item.path }}", end_seconds: 5, resolution: 480p, model: ltx-2.3 }
              files:
                uses: download
                for_each: ${{ stages.clips }}

            """

        /// A run of backpack.png (fine) and a corrupt image with a hostile name: one resize fails,
        /// its two downstream tasks are skipped; the rest succeeds.
        static func failedRun(_ fake: FakeAPIProcess) async throws -> PipelineWorkspace {
            let workspace = try PipelineWorkspace("report-failed")
            try workspace.addImage("products/backpack.png")
            try Data("<html>this is not an image</html>".utf8).write(
                to: URL(fileURLWithPath: workspace.path(hostileImage)))
            try workspace.write("launch.yaml", failingPipeline)
            let result = try await workspace.pipeline(
                ["run", "launch.yaml", "--api-base-url", fake.baseURL], token: fake.token)
            guard result.status == 1, result.allOutput.contains("cannot be read as an image") else {
                throw FakeAPIProcess.FakeAPIError(
                    message: "the failing run did not fail as planned: \(result.transcript)")
            }
            return workspace
        }

        /// Chromium from Debian's package (or an equivalent on PATH).
        static func chromium() -> String? {
            let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
            for name in ["chromium", "chromium-browser"] {
                for folder in path.split(separator: ":")
                where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
                    return "\(folder)/\(name)"
                }
            }
            return nil
        }

        struct PixelStatistics: Decodable, CustomStringConvertible {
            var width: Int
            var height: Int
            /// Share of pixels that are not (nearly) white.
            var nonWhite: Double
            /// Standard deviation of the luminance.
            var deviation: Double
            /// Pixels of the failed stage's red (#d0312d), give or take.
            var redPixels: Int

            enum CodingKeys: String, CodingKey {
                case width, height, deviation
                case nonWhite = "non_white"
                case redPixels = "red_pixels"
            }

            var description: String {
                "\(width)×\(height), \(Int(nonWhite * 100))% non-white, deviation \(Int(deviation)), \(redPixels) red pixels"
            }
        }

        /// Decodes a PNG (8-bit RGB or RGBA, not interlaced, as Chromium writes) with Python's zlib
        /// and measures it.
        static func pixelStatistics(_ png: String) async throws -> PixelStatistics {
            let script = #"""
                import json, struct, sys, zlib
                data = open(sys.argv[1], "rb").read()
                assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
                pos, idat = 8, b""
                while pos < len(data):
                    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
                    body = data[pos + 8:pos + 8 + length]
                    if kind == b"IHDR":
                        width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
                    elif kind == b"IDAT":
                        idat += body
                    pos += 12 + length
                assert depth == 8 and colour in (2, 6) and interlace == 0, "unsupported PNG layout"
                channels = 3 if colour == 2 else 4
                raw = zlib.decompress(idat)
                stride = width * channels
                previous = bytearray(stride)
                total = count = red = 0
                sum_y = sum_y2 = 0.0
                pos = 0
                for y in range(height):
                    kind = raw[pos]; line = bytearray(raw[pos + 1:pos + 1 + stride]); pos += 1 + stride
                    for i in range(stride):
                        a = line[i - channels] if i >= channels else 0
                        b = previous[i]
                        c = previous[i - channels] if i >= channels else 0
                        if kind == 1: line[i] = (line[i] + a) & 255
                        elif kind == 2: line[i] = (line[i] + b) & 255
                        elif kind == 3: line[i] = (line[i] + (a + b) // 2) & 255
                        elif kind == 4:
                            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
                    for x in range(0, stride, channels):
                        r, g, bl = line[x], line[x + 1], line[x + 2]
                        lum = 0.299 * r + 0.587 * g + 0.114 * bl
                        sum_y += lum; sum_y2 += lum * lum; total += 1
                        if r < 235 or g < 235 or bl < 235: count += 1
                        if abs(r - 208) < 24 and abs(g - 49) < 24 and abs(bl - 45) < 24: red += 1
                    previous = line
                mean = sum_y / total
                print(json.dumps({"width": width, "height": height, "non_white": count / total,
                                  "deviation": max(0.0, sum_y2 / total - mean * mean) ** 0.5, "red_pixels": red}))
                """#
            let result = try await Spawned.start("/usr/bin/env", ["python3", "-c", script, png]).finish(timeout: 300)
            guard result.status == 0 else {
                throw FakeAPIProcess.FakeAPIError(message: "decoding the screenshot failed: \(result.standardError)")
            }
            return try JSONDecoder().decode(PixelStatistics.self, from: result.outputData)
        }

        static func runID(in output: String) -> String? {
            guard let range = output.range(of: "(run ") else { return nil }
            return String(output[range.upperBound...].prefix { $0 != "," && $0 != ")" })
        }

        static func count(_ needle: String, in text: String) -> Int {
            text.components(separatedBy: needle).count - 1
        }

        /// The decoded payloads of every `data:TYPE;base64,…` URI in a page.
        static func dataURIs(in html: String, type: String) -> [Data] {
            html.components(separatedBy: "data:\(type);base64,").dropFirst().compactMap {
                Data(base64Encoded: String($0.prefix { $0 != "\"" }))
            }
        }

        /// The `src` of every `<video>` that is not a data URI.
        static func videoSources(in html: String) -> [String] {
            html.components(separatedBy: #"<video controls preload="metadata" src=""#).dropFirst()
                .map { String($0.prefix { $0 != "\"" }) }.filter { !$0.hasPrefix("data:") }
        }
    }
}
