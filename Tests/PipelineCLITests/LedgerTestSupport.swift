import Foundation
import Testing

/// Reads a state store file the way a person with `sqlite3` would: through Python's sqlite3
/// module (a separate SQLite client, so the tests never share the engine's connection code).
enum StoreQuery {
    /// The rows of `sql` against the SQLite file at `path`, each column as text ("" for NULL).
    static func rows(_ path: String, _ sql: String) async throws -> [[String]] {
        let script = """
            import json, sqlite3, sys
            connection = sqlite3.connect(sys.argv[1], timeout=30)
            rows = connection.execute(sys.argv[2]).fetchall()
            print(json.dumps([["" if v is None else str(v) for v in row] for row in rows]))
            """
        let result = try await CommandRunner.run(program: "/usr/bin/env", ["python3", "-c", script, path, sql])
        guard result.status == 0 else {
            throw FakeAPIProcess.FakeAPIError(message: "sqlite query failed: \(result.standardError)")
        }
        let data = Data(result.standardOutput.utf8)
        return (try JSONSerialization.jsonObject(with: data) as? [[String]]) ?? []
    }

    /// One number (the first column of the first row).
    static func integer(_ path: String, _ sql: String) async throws -> Int {
        Int(try await rows(path, sql).first?.first ?? "") ?? -1
    }

    /// Runs statements that change the file (e.g. installs a trigger that injects a failure).
    static func execute(_ path: String, _ sql: String) async throws {
        let script = """
            import sqlite3, sys
            connection = sqlite3.connect(sys.argv[1], timeout=30)
            connection.executescript(sys.argv[2])
            connection.commit()
            """
        let result = try await CommandRunner.run(program: "/usr/bin/env", ["python3", "-c", script, path, sql])
        guard result.status == 0 else {
            throw FakeAPIProcess.FakeAPIError(message: "sqlite script failed: \(result.standardError)")
        }
    }
}

/// Pipeline files of the money-safety tests.
enum LedgerPipelines {
    /// Every `assets/*.png` resized to 64×64: local work only.
    static let thumbs = """
        version: 1
        name: thumbs
        settings: { output_dir: out }
        inputs:
          photos: { glob: "assets/*.png" }
        stages:
          thumbs:
            uses: image.resize
            for_each: ${{ inputs.photos }}
            with: { image: "${{ item }}", width: 64, height: 64, fit: cover }

        """

    /// `count` paid 480p clips of one image (`take 1` … `take N`), each downloaded, then copied
    /// to `<output>/take-<n>.mp4` (or to `renameTo` when given).
    static func takes(
        name: String, output: String = "out", count: Int, renameTo: String = "take-${{ item.stem }}.mp4",
        inputs: String? = nil, settings: [String] = [], prompt: String = "take"
    ) -> String {
        let values = (1...count).map(String.init).joined(separator: ", ")
        return """
            version: 1
            name: \(name)
            settings:
              output_dir: \(output)
              max_parallel: 16
            \(settings.map { "  " + $0 }.joined(separator: "\n"))
            inputs:
              shots:
                values: [\(values)]
            \(inputs ?? "")
            stages:
              clips:
                uses: magic_hour.image_to_video
                for_each: ${{ inputs.shots }}
                with:
                  image: assets/one.png
                  end_seconds: 5
                  resolution: 480p
                  model: ltx-2.3
                  prompt: "\(prompt) ${{ item }}"
              files:
                uses: download
                for_each: ${{ stages.clips }}
              final:
                uses: rename
                for_each: ${{ stages.files }}
                with: { to: "\(renameTo)" }

            """
    }
}

extension Spawned.Result {
    /// The `outcome: N done, …` line's numbers by word ("done", "cached", "failed"…).
    func summaryCount(_ word: String) -> Int? {
        guard let line = standardOutput.split(separator: "\n").last(where: { $0.contains(" done, ") }),
            let range = line.range(of: " \(word)")
        else { return nil }
        let digits = line[..<range.lowerBound].reversed().prefix { $0.isNumber }
        return Int(String(digits.reversed()))
    }
}
