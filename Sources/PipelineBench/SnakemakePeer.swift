import Foundation

/// Snakemake's dry run (`snakemake -n`) of the plan benchmark's DAG: the peer `plan` is measured
/// against. Snakemake is installed from PyPI into a virtual environment of the bench's own.
enum SnakemakePeer {
    /// The version installed (pinned, so figures compare across sessions).
    static let version = "9.27.1"

    /// `~/.cache/pipeline-bench/snakemake-venv`.
    static var defaultEnvironment: String {
        let home = ProcessInfo.processInfo.environment["HOME"] ?? NSTemporaryDirectory()
        return home + "/.cache/pipeline-bench/snakemake-venv"
    }

    /// The `snakemake` program in `venv`, installed there first when it is missing.
    static func install(in venv: String) throws -> String {
        let program = venv + "/bin/snakemake"
        if FileManager.default.isExecutableFile(atPath: program) { return program }
        guard let python = Executable.find("python3") else {
            throw TimedChild.ChildError(message: "python3 is not on PATH: it is needed to install snakemake")
        }
        print("  installing snakemake \(version) from PyPI into \(venv) …")
        try FileManager.default.createDirectory(
            atPath: URL(fileURLWithPath: venv).deletingLastPathComponent().path, withIntermediateDirectories: true)
        let folder = FileManager.default.currentDirectoryPath
        _ = try TimedChild.run(python, ["-m", "venv", venv], in: folder).checked("python3 -m venv")
        _ = try TimedChild.run(venv + "/bin/pip", ["install", "--quiet", "snakemake==\(version)"], in: folder)
            .checked("pip install snakemake")
        return program
    }

    /// Writes `Snakefile` in `directory`: the plan benchmark's four stages as rules over
    /// `photos/*.jpg` × 3 resolutions (thumbs → clips → files → final), `all` asking for every final file.
    static func writeSnakefile(in directory: String) throws {
        let text = """
            RESOLUTIONS = ["480p", "720p", "1080p"]
            NAMES, = glob_wildcards("photos/{name}.jpg")

            wildcard_constraints:
                name="[^/]+",
                res="[^/]+"

            rule all:
                input: expand("out/final/{res}/{name}.mp4", res=RESOLUTIONS, name=NAMES)

            rule thumbs:
                input: "photos/{name}.jpg"
                output: "out/thumbs/{name}.jpg"
                shell: "cp {input} {output}"

            rule clips:
                input: "out/thumbs/{name}.jpg"
                output: "out/clips/{res}/{name}.json"
                params: prompt=lambda wildcards: f"slow push-in on {wildcards.name}", seconds=5
                shell: "echo '{params.prompt}' > {output}"

            rule files:
                input: "out/clips/{res}/{name}.json"
                output: "out/files/{res}/{name}.mp4"
                shell: "cp {input} {output}"

            rule final:
                input: "out/files/{res}/{name}.mp4"
                output: "out/final/{res}/{name}.mp4"
                shell: "cp {input} {output}"

            """
        try Data(text.utf8).write(to: URL(fileURLWithPath: directory + "/Snakefile"))
    }

    /// Times `snakemake -n` (the dry run: the DAG of every job, nothing executed) `repeats` times.
    static func dryRuns(program: String, directory: String, repeats: Int) throws -> [TimedChild] {
        try (0..<max(1, repeats)).map { _ in
            try TimedChild.run(
                program, ["-n", "--cores", "1", "--quiet", "all", "--snakefile", "Snakefile"], in: directory
            )
            .checked("snakemake -n")
        }
    }
}
