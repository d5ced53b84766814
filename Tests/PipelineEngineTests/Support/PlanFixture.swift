import Foundation
import PipelineLanguage

/// A scratch folder with a few image files (their bytes are never decoded here), removed when
/// the fixture goes away, and the plans of pipeline files compiled in it.
final class PlanFixture: Sendable {
    let path: String

    /// - Parameter images: Files to create (`a.png`…); their content is their name.
    init(images: [String] = ["a.png", "b.png"]) throws {
        path =
            FileManager.default.temporaryDirectory.appendingPathComponent("pipeline-engine-test-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for image in images { try write(image, image) }
    }

    func write(_ relative: String, _ contents: String) throws {
        let url = URL(fileURLWithPath: path).appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: url)
    }

    /// Compiles `yaml` as `test.yaml` in this folder; fails the test on any error.
    func plan(_ yaml: String, keys: Bool = false) throws -> Plan {
        let compilation = PipelineCompiler().compile(
            source: SourceFile(path: PathText.join(path, "test.yaml"), text: yaml), baseDirectory: path,
            options: PlanOptions(
                computeCacheKeys: keys, environment: [:], runID: "test-run",
                runDate: Date(timeIntervalSince1970: 1_790_000_000)))
        guard let plan = compilation.plan, !compilation.hasErrors else {
            throw FixtureError(description: compilation.diagnostics.map(\.description).joined(separator: "\n"))
        }
        return plan
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
}

/// Pipeline files the engine tests compile.
enum Pipelines {
    /// `thumbs` (image.resize, one task per image) → `final` (rename, one per thumb).
    static func chain(thumbsLimit: Int? = nil, maxParallel: Int? = nil) -> String {
        var lines = ["version: 1", "name: chain", "settings:", "  output_dir: out"]
        if let maxParallel { lines.append("  max_parallel: \(maxParallel)") }
        lines += [
            "inputs:",
            "  photos:",
            #"    glob: "*.png""#,
            "stages:",
            "  thumbs:",
            "    uses: image.resize",
            "    for_each: ${{ inputs.photos }}",
            #"    with: { image: "${{ item }}", width: 16 }"#,
        ]
        if let thumbsLimit { lines.append("    max_parallel: \(thumbsLimit)") }
        lines += [
            "  final:",
            "    uses: rename",
            "    for_each: ${{ stages.thumbs }}",
            #"    with: { to: "${{ item.stem }}.png" }"#,
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// `thumbs` (resize, cpu) → `clips` (image_to_video, remote) → `files` (download, io) →
    /// `final` (rename, io): four tasks per image.
    static let launch = """
        version: 1
        name: launch
        settings:
          output_dir: out
        inputs:
          photos:
            glob: "*.png"
        stages:
          thumbs:
            uses: image.resize
            for_each: ${{ inputs.photos }}
            with: { image: "${{ item }}", width: 16 }
          clips:
            uses: magic_hour.image_to_video
            for_each: ${{ stages.thumbs }}
            with: { image: "${{ item.path }}", end_seconds: 5, resolution: 480p, model: ltx-2.3 }
          files:
            uses: download
            for_each: ${{ stages.clips }}
          final:
            uses: rename
            for_each: ${{ stages.files }}
            with: { to: "${{ item.stem }}.mp4" }

        """

    /// One paid `clip` of `a.png` → `file` (download) → `named` (rename).
    static let paid = """
        version: 1
        name: paid
        settings:
          output_dir: out
        stages:
          clip:
            uses: magic_hour.image_to_video
            with: { image: a.png, end_seconds: 5, resolution: 480p, model: ltx-2.3 }
          file:
            uses: download
            for_each: ${{ stages.clip }}
          named:
            uses: rename
            for_each: ${{ stages.file }}
            with: { to: "a.mp4" }

        """

    /// `thumbs` (one per image) and one `clip` that `needs` every thumb: a task with several
    /// dependencies.
    static let fanIn = """
        version: 1
        name: fan-in
        settings:
          output_dir: out
        inputs:
          photos:
            glob: "*.png"
        stages:
          thumbs:
            uses: image.resize
            for_each: ${{ inputs.photos }}
            with: { image: "${{ item }}", width: 16 }
          clip:
            uses: magic_hour.image_to_video
            needs: [thumbs]
            with: { image: a.png, end_seconds: 5, resolution: 480p, model: ltx-2.3 }

        """
}

extension Plan {
    /// The ids of a stage's tasks, in plan order.
    func ids(_ stage: String) -> [String] {
        tasks.filter { $0.stage == stage }.map(\.id)
    }
}
