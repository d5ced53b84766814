import Foundation
import Testing

extension EngineAcceptanceTests {
    /// Issue 11, no escapes: no file or folder is created through a symbolic link that leads out
    /// of `settings.output_dir` (resized images, downloads, renames); each such task fails with a
    /// clear message, and nothing appears outside.
    @Suite(.timeLimit(.minutes(3)))
    struct OutputFolderSafetyTests {
        /// One resize per image into `out/.work/thumbs`, then a rename to `to` inside `out`.
        static func resizeAndRename(to target: String) -> String {
            """
            version: 1
            name: escapes
            settings:
              output_dir: out
            inputs:
              photos:
                glob: assets/*.png
            stages:
              thumbs:
                uses: image.resize
                for_each: ${{ inputs.photos }}
                with: { image: "${{ item }}", width: 64, height: 36, fit: cover }
              final:
                uses: rename
                for_each: ${{ stages.thumbs }}
                with: { to: "\(target)" }

            """
        }

        /// A fresh folder outside the workspace, the target of the links.
        static func outsideFolder() throws -> String {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent(
                "outside-\(UUID().uuidString.prefix(8))"
            ).path
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            return path
        }

        @Test("out/.work linked outside: the resize fails, naming the link, and writes nothing through it")
        func workFolderLinkedOutsideStopsResizes() async throws {
            let workspace = try PipelineWorkspace("escape-resize")
            defer { workspace.remove() }
            let outside = try Self.outsideFolder()
            defer { try? FileManager.default.removeItem(atPath: outside) }
            try workspace.addImage("products/backpack.png", as: "one.png")
            try workspace.write("escapes.yaml", Self.resizeAndRename(to: "${{ item.stem }}.png"))
            try FileManager.default.createDirectory(atPath: workspace.path("out"), withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(
                atPath: workspace.path("out/.work"), withDestinationPath: outside)

            let result = try await workspace.pipeline(["run", "escapes.yaml"], token: nil)
            #expect(result.status == 1, "\(result.transcript)")
            #expect(
                result.allOutput.contains("leads outside the output folder"), "\(result.transcript)")
            #expect(result.allOutput.contains(".work"), "\(result.transcript)")
            #expect(try FileManager.default.subpathsOfDirectory(atPath: outside).isEmpty)
            #expect(!workspace.exists("out/one.png"))
        }

        @Test("out/.work linked outside: the paid clip is kept, but its download fails and writes nothing through it")
        func workFolderLinkedOutsideStopsDownloads() async throws {
            let fake = try await FakeAPIProcess(renderTime: 0.2)
            defer { fake.stop() }
            let workspace = try PipelineWorkspace("escape-download")
            defer { workspace.remove() }
            let outside = try Self.outsideFolder()
            defer { try? FileManager.default.removeItem(atPath: outside) }
            try workspace.addImage("products/backpack.png", as: "one.png")
            try workspace.write("shots.yaml", AcceptancePipelines.shots(1))
            try FileManager.default.createDirectory(atPath: workspace.path("out"), withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(
                atPath: workspace.path("out/.work"), withDestinationPath: outside)

            let result = try await workspace.pipeline(
                ["run", "shots.yaml", "--api-base-url", fake.baseURL], token: fake.token)
            #expect(result.status == 1, "\(result.transcript)")
            #expect(result.allOutput.contains("leads outside the output folder"), "\(result.transcript)")
            #expect(try FileManager.default.subpathsOfDirectory(atPath: outside).isEmpty)
            let stats = try await fake.stats()
            #expect(stats.creates == 1)
            #expect(stats.downloadsCompleted == 0)
        }

        @Test("a rename into sub/new/dir where out/sub leads outside: refused before new/dir is created anywhere")
        func renameThroughLinkedSubfolderCreatesNothingOutside() async throws {
            let workspace = try PipelineWorkspace("escape-rename")
            defer { workspace.remove() }
            let outside = try Self.outsideFolder()
            defer { try? FileManager.default.removeItem(atPath: outside) }
            try workspace.addImage("products/backpack.png", as: "one.png")
            try workspace.write("escapes.yaml", Self.resizeAndRename(to: "sub/new/dir/${{ item.stem }}.png"))
            try FileManager.default.createDirectory(atPath: workspace.path("out"), withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: workspace.path("out/sub"), withDestinationPath: outside)

            let result = try await workspace.pipeline(["run", "escapes.yaml"], token: nil)
            #expect(result.status == 1, "\(result.transcript)")
            #expect(result.allOutput.contains("out/sub leads outside the output folder"), "\(result.transcript)")
            #expect(try FileManager.default.subpathsOfDirectory(atPath: outside).isEmpty)
            // The resize itself, inside the output folder, went through.
            #expect(workspace.listing("out/.work/thumbs").count == 1)
        }

        @Test("a link that stays inside the output folder is followed: the rename lands in the folder it names")
        func linkInsideTheOutputFolderIsAllowed() async throws {
            let workspace = try PipelineWorkspace("inside-link")
            defer { workspace.remove() }
            try workspace.addImage("products/backpack.png", as: "one.png")
            try workspace.write("escapes.yaml", Self.resizeAndRename(to: "sub/new/${{ item.stem }}.png"))
            try FileManager.default.createDirectory(
                atPath: workspace.path("out/real"), withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: workspace.path("out/sub"), withDestinationPath: "real")

            let result = try await workspace.pipeline(["run", "escapes.yaml"], token: nil)
            #expect(result.status == 0, "\(result.transcript)")
            #expect(workspace.exists("out/real/new/one.png"))
        }
    }
}
