import ArgumentParser
import Foundation

/// The vendor's Python SDK (magic-hour 0.90.0, PyPI) as the peer of `pipeline-bench makespan`:
/// its `generate()` (upload, create, poll every `MAGIC_HOUR_POLL_INTERVAL`) in a thread pool.
enum VendorSDK {
    static let version = "0.90.0"

    /// A Python with magic-hour 0.90.0: `.build/sdk-venv` (made by `.ci/sdk-test`) when it has
    /// it, else the bench's own venv in the temporary folder, made on first use (pip, PyPI).
    static func python() async throws -> String {
        let shared = FileManager.default.currentDirectoryPath + "/.build/sdk-venv/bin/python"
        if await hasSDK(shared) { return shared }
        let own = FileManager.default.temporaryDirectory.appendingPathComponent("pipeline-bench-sdk-venv").path
        let python = own + "/bin/python"
        if await hasSDK(python) { return python }
        guard let system = Executable.find("python3") else {
            throw ValidationError("the SDK comparison needs python3 (or pass --no-sdk)")
        }
        print("  making \(own) with magic-hour==\(version) (pip)…")
        _ = try await Executable.run(system, ["-m", "venv", "--clear", own])
        _ = try await Executable.run(
            python, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "magic-hour==\(version)"])
        return python
    }

    private static func hasSDK(_ python: String) async -> Bool {
        guard FileManager.default.isExecutableFile(atPath: python) else { return false }
        let check =
            "import sys; from importlib.metadata import version; sys.exit(version('magic-hour') != '\(version)')"
        return (try? await Executable.run(python, ["-c", check])) != nil
    }

    /// Seconds for `tasks` calls of `generate()` (480p, 5 s, no download) in a pool of `threads`
    /// against `baseURL`, the SDK polling every `pollInterval` seconds.
    static func makespan(
        python: String, baseURL: String, token: String, image: String, tasks: Int, threads: Int, pollInterval: Double
    ) async throws -> Double {
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("pipeline-bench-sdk.py").path
        try Data(source.utf8).write(to: URL(fileURLWithPath: script))
        let output = try await Executable.run(
            python, [script, baseURL, token, image, String(tasks), String(threads), String(pollInterval)])
        guard let seconds = output.split(separator: "\n").last.flatMap({ Double($0) }) else {
            throw ValidationError("the SDK script printed no time: \(output)")
        }
        return seconds
    }

    /// The script: argv = base URL, token, image, tasks, threads, poll interval; prints seconds.
    private static let source = """
        import os, sys, time
        os.environ["MAGIC_HOUR_POLL_INTERVAL"] = sys.argv[6]
        from concurrent.futures import ThreadPoolExecutor
        from magic_hour import Client

        base_url, token, image, tasks, threads = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
        client = Client(token=token, base_url=base_url)

        def one(index):
            result = client.v1.image_to_video.generate(
                assets={"image_file_path": image}, end_seconds=5, resolution="480p", model="ltx-2.3",
                name=f"sdk clip {index}", download_outputs=False)
            if result.status != "complete":
                raise RuntimeError(f"job {index}: {result.status}")

        start = time.monotonic()
        with ThreadPoolExecutor(max_workers=threads) as pool:
            list(pool.map(one, range(tasks)))
        print(time.monotonic() - start)
        """
}
