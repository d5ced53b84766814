import Foundation
import Testing

/// The engine's acceptance tests (issue 4): the real `pipeline` executable against a real
/// `pipeline fake-api` process, each test in its own temporary folder. One serialized parent
/// suite, so that at most one of these process-heavy tests runs at a time.
@Suite(.serialized)
struct EngineAcceptanceTests {}

/// Pipeline files the acceptance tests write.
enum AcceptancePipelines {
    /// Every image in `assets/` → resized → three 5 s 480p clips (three prompts) → downloaded →
    /// renamed to `out/<stem>-<take>.mp4`. Ten tasks and 360 credits per image.
    static func launch(
        name: String = "launch", takes: [String] = ["one", "two", "three"], settings: [String] = [],
        schedule: String? = nil, clipRetry: Int = 1, onExists: String? = nil
    ) -> String {
        var lines = ["version: 1", "name: \(name)"]
        if let schedule { lines += ["schedule: \(schedule)"] }
        lines += ["settings:", "  output_dir: out", "  max_parallel: 16"] + settings.map { "  " + $0 }
        lines += [
            "inputs:",
            "  photos:",
            "    glob: assets/*.{png,jpg}",
            "stages:",
            "  thumbs:",
            "    uses: image.resize",
            "    for_each: ${{ inputs.photos }}",
            #"    with: { image: "${{ item }}", width: 160, height: 90, fit: cover }"#,
            "  clips:",
            "    uses: magic_hour.image_to_video",
            "    for_each: ${{ stages.thumbs }}",
            "    matrix:",
            "      take: [\(takes.joined(separator: ", "))]",
            "    retry: { attempts: \(clipRetry), backoff: 1s }",
            "    with:",
            "      image: ${{ item.path }}",
            "      end_seconds: 5",
            "      resolution: 480p",
            "      model: ltx-2.3",
            #"      prompt: "take ${{ matrix.take }}""#,
            "  files:",
            "    uses: download",
            "    for_each: ${{ stages.clips }}",
            "  final:",
            "    uses: rename",
            "    for_each: ${{ stages.files }}",
            #"    with: { to: "${{ item.stem }}-${{ item.matrix.take }}.mp4"\#(onExists.map { ", on_exists: \($0)" } ?? "") }"#,
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// `count` paid tasks on one image (`take 1` … `take N`, 480p, 5 s), each downloaded.
    static func shots(_ count: Int, name: String = "shots") -> String {
        let values = (1...count).map(String.init).joined(separator: ", ")
        return """
            version: 1
            name: \(name)
            settings:
              output_dir: out
            inputs:
              shots:
                values: [\(values)]
            stages:
              clips:
                uses: magic_hour.image_to_video
                for_each: ${{ inputs.shots }}
                with:
                  image: assets/one.png
                  end_seconds: 5
                  resolution: 480p
                  model: ltx-2.3
                  prompt: "take ${{ item }}"
              files:
                uses: download
                for_each: ${{ stages.clips }}

            """
    }
}

extension Spawned.Result {
    /// The numbers of the `run … : N tasks (a cached, b resumable, c uncertain, d to run)` line.
    var runStartCounts: (cached: Int, resumable: Int, uncertain: Int, toRun: Int)? {
        guard let line = standardOutput.split(separator: "\n").first(where: { $0.contains(" tasks (") }) else {
            return nil
        }
        func number(before word: String) -> Int? {
            guard let range = line.range(of: " \(word)") else { return nil }
            let digits = line[..<range.lowerBound].reversed().prefix { $0.isNumber }
            return Int(String(digits.reversed()))
        }
        guard let cached = number(before: "cached,"), let resumable = number(before: "resumable,"),
            let uncertain = number(before: "uncertain,"), let toRun = number(before: "to run)")
        else { return nil }
        return (cached, resumable, uncertain, toRun)
    }

    /// A description for failed expectations.
    var transcript: String { "exit \(status)\n--- stdout\n\(standardOutput)\n--- stderr\n\(standardError)" }
}
