import Foundation
import PipelineLanguage
import Testing

/// A paid video must never be bought again because of a cosmetic edit, and must be bought
/// again when something that changes it changes.
@Suite struct CacheKeyTests {
    static let original = """
        version: 1
        name: keys
        settings:
          output_dir: out/keys
          max_parallel: 4
        inputs:
          photos:
            glob: assets/*.png
        stages:
          thumbs:
            uses: image.resize
            for_each: ${{ inputs.photos }}
            with: { image: "${{ item }}", width: 640, height: 360, fit: cover }
          clips:
            uses: magic_hour.image_to_video
            for_each: ${{ stages.thumbs }}
            matrix:
              resolution: [480p, 720p]
            with:
              image: ${{ item.path }}
              end_seconds: 5
              resolution: ${{ matrix.resolution }}
              prompt: "slow push-in"
              model: ltx-2.3
            retry: { attempts: 3 }
            timeout: 20m
          files:
            uses: download
            for_each: ${{ stages.clips }}
        """

    static func keys(_ text: String, directory: String) throws -> [String: String] {
        let compilation = compile(text, directory: directory, keys: true)
        #expect(!compilation.hasErrors, "\(compilation.diagnostics)")
        let plan = try #require(compilation.plan)
        return Dictionary(uniqueKeysWithValues: plan.tasks.map { ($0.id, $0.cacheKey) })
    }

    static func workspace() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        try directory.write("assets/a.png", "image a")
        try directory.write("assets/b.png", "image b")
        return directory
    }

    static let cosmeticEdits: [(String, @Sendable (String) -> String)] = [
        (
            "comments and blank lines",
            { "# a comment\n\n" + $0.replacingOccurrences(of: "stages:\n", with: "stages:   # the work\n\n") }
        ),
        ("pipeline name", { $0.replacingOccurrences(of: "name: keys", with: "name: renamed") }),
        ("max_parallel", { $0.replacingOccurrences(of: "max_parallel: 4", with: "max_parallel: 32") }),
        (
            "retry",
            { $0.replacingOccurrences(of: "retry: { attempts: 3 }", with: "retry: { attempts: 5, backoff: 10s }") }
        ),
        ("timeout", { $0.replacingOccurrences(of: "timeout: 20m", with: "timeout: 1h") }),
        (
            "key order",
            {
                $0.replacingOccurrences(
                    of: "      end_seconds: 5\n      resolution: ${{ matrix.resolution }}\n",
                    with: "      resolution: ${{ matrix.resolution }}\n      end_seconds: 5\n")
            }
        ),
        (
            "flow vs block style and quoting",
            {
                $0.replacingOccurrences(
                    of: "with: { image: \"${{ item }}\", width: 640, height: 360, fit: cover }",
                    with: "with:\n      fit: 'cover'\n      height: 360\n      width: 640\n      image: ${{ item }}")
            }
        ),
        (
            "the project's label",
            {
                $0.replacingOccurrences(
                    of: "      prompt: \"slow push-in\"\n",
                    with: "      prompt: \"slow push-in\"\n      name: my label\n")
            }
        ),
        (
            "stage order in the file",
            { text in
                let start = text.range(of: "  files:\n")!.lowerBound
                let files = String(text[start...])
                let withoutFiles = String(text[..<start])
                return withoutFiles.replacingOccurrences(of: "stages:\n", with: "stages:\n" + files + "\n")
            }
        ),
        (
            "an unrelated stage",
            { $0 + "\n  extra:\n    uses: image.resize\n    with: { image: assets/b.png, width: 10 }\n" }
        ),
        ("output_dir", { $0.replacingOccurrences(of: "output_dir: out/keys", with: "output_dir: elsewhere") }),
    ]

    @Test(arguments: 0..<cosmeticEdits.count)
    func cosmeticEditKeepsEveryKeyAndID(_ index: Int) throws {
        let (name, edit) = Self.cosmeticEdits[index]
        let directory = try Self.workspace()
        let before = try Self.keys(Self.original, directory: directory.path)
        let edited = edit(Self.original)
        #expect(edited != Self.original, "edit '\(name)' changed nothing")
        let after = try Self.keys(edited, directory: directory.path)
        for (id, key) in before {
            #expect(after[id] == key, "\(name) changed the key or id of \(id)")
        }
    }

    @Test func resultChangingEditsChangeTheKeysThatDependOnThem() throws {
        let directory = try Self.workspace()
        let before = try Self.keys(Self.original, directory: directory.path)
        let prompt = try Self.keys(
            Self.original.replacingOccurrences(of: "slow push-in", with: "fast zoom"), directory: directory.path)
        #expect(prompt["thumbs[assets/a.png]"] == before["thumbs[assets/a.png]"])
        #expect(prompt["clips[assets/a.png]{resolution=480p}"] != before["clips[assets/a.png]{resolution=480p}"])
        #expect(prompt["files[assets/a.png]{resolution=480p}"] != before["files[assets/a.png]{resolution=480p}"])

        // New content in one input file re-keys that file's chain only.
        try directory.write("assets/a.png", "image a, retouched")
        let content = try Self.keys(Self.original, directory: directory.path)
        #expect(content["thumbs[assets/a.png]"] != before["thumbs[assets/a.png]"])
        #expect(content["clips[assets/a.png]{resolution=720p}"] != before["clips[assets/a.png]{resolution=720p}"])
        #expect(content["thumbs[assets/b.png]"] == before["thumbs[assets/b.png]"])
        #expect(content["clips[assets/b.png]{resolution=720p}"] == before["clips[assets/b.png]{resolution=720p}"])

        let width = try Self.keys(
            Self.original.replacingOccurrences(of: "width: 640", with: "width: 800"), directory: directory.path)
        #expect(width["thumbs[assets/b.png]"] != content["thumbs[assets/b.png]"])
        #expect(width["clips[assets/b.png]{resolution=720p}"] != content["clips[assets/b.png]{resolution=720p}"])
    }

    @Test func renamingAnInputFileKeepsThePaidKey() throws {
        let directory = try Self.workspace()
        let before = try Self.keys(Self.original, directory: directory.path)
        try FileManager.default.moveItem(
            atPath: directory.path + "/assets/b.png", toPath: directory.path + "/assets/c.png")
        let after = try Self.keys(Self.original, directory: directory.path)
        // Keys follow content, not names: the same photo under a new name costs nothing again.
        #expect(after["clips[assets/c.png]{resolution=480p}"] == before["clips[assets/b.png]{resolution=480p}"])
    }
}
