import ArgumentParser
import Foundation
import PipelineBasics
import PipelineImaging

#if canImport(Glibc)
    import Glibc
#endif

/// `pipeline-bench resize`: the `image.resize` stage's resizer against `vipsthumbnail` and ImageMagick's
/// `convert -resize`, on the same generated large photos, in one run.
///
/// Each contender runs in its own child process under GNU time, so that peak memory (maximum resident set
/// size) and CPU time are measured alike; ours is this binary re-executed in a hidden worker mode, with
/// `parallelism` resizes in flight as the engine runs them. `vipsthumbnail` runs once over all files (its
/// natural use); ImageMagick runs one `convert` per file, one after the other. All write JPEG, quality 85,
/// metadata stripped, `width` pixels wide (the photos are landscape, so `vipsthumbnail -s` agrees); the
/// outputs are checked. The photos are generated once and kept in `--work-folder`.
///
/// Debian packages: libvips-tools (vipsthumbnail), imagemagick, time (/usr/bin/time).
struct ResizeBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resize",
        abstract: "Resize large photos with ImageResizer, vipsthumbnail and ImageMagick; compare speed and memory."
    )

    @Option(help: "How many photos (half JPEG, half PNG).")
    var count = 20

    @Option(help: "Photo width in pixels.")
    var photoWidth = 6000

    @Option(help: "Photo height in pixels.")
    var photoHeight = 4000

    @Option(help: "Target width in pixels.")
    var width = 1280

    @Option(help: "Resizes in flight for ours (default: the number of cores, as the engine).")
    var parallelism = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Rounds; each contender runs once per round, interleaved, and medians are reported.")
    var rounds = 3

    @Option(help: "Folder for the generated photos (kept between runs) and the outputs.")
    var workFolder = FileManager.default.temporaryDirectory.path + "/pipeline-bench-resize"

    @Flag(help: "Skip ImageMagick (it is by far the slowest).")
    var skipImagemagick = false

    @Option(help: .hidden)
    var workerInput: String?

    @Option(help: .hidden)
    var workerOutput: String?

    mutating func run() async throws {
        if let workerInput, let workerOutput {
            try await Self.resizeAll(in: workerInput, into: workerOutput, width: width, parallelism: parallelism)
            return
        }
        let photos = workFolder + "/photos-\(photoWidth)x\(photoHeight)-v1"
        let inputs = try await generatePhotos(in: photos)
        let vipsthumbnail = Executable.find("vipsthumbnail")
        let convert = skipImagemagick ? nil : await Self.findImageMagick()

        var contenders: [(name: String, command: [String], output: String)] = []
        let ours = workFolder + "/out-ours"
        contenders.append(
            (
                "ImageResizer (\(parallelism) tasks)",
                Self.workerCommand() + [
                    "--worker-input", photos, "--worker-output", ours, "--width", "\(width)",
                    "--parallelism", "\(parallelism)",
                ],
                ours
            ))
        if let vipsthumbnail {
            let out = workFolder + "/out-vipsthumbnail"
            contenders.append(
                (
                    "vipsthumbnail (1 process)",
                    [vipsthumbnail, "-s", "\(width)", "-o", out + "/%s.jpg[Q=85,strip]"] + inputs,
                    out
                ))
        } else {
            print("vipsthumbnail not found: apt-get install libvips-tools")
        }
        if let convert {
            contenders.append(("ImageMagick convert (1 per file)", [convert], workFolder + "/out-imagemagick"))
        } else if !skipImagemagick {
            print("ImageMagick's convert not found: apt-get install imagemagick")
        }

        // An idle worker: the memory this binary needs before resizing anything.
        let empty = workFolder + "/empty"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let idle = try Self.spawn(Self.workerCommand() + ["--worker-input", empty, "--worker-output", empty + "-out"])

        var times = Array(repeating: [Double](), count: contenders.count)
        var peaks = Array(repeating: [Int](), count: contenders.count)
        var cpus = Array(repeating: [Double](), count: contenders.count)
        for round in 1...max(1, rounds) {
            for (index, contender) in contenders.enumerated() {
                try? FileManager.default.removeItem(atPath: contender.output)
                try FileManager.default.createDirectory(atPath: contender.output, withIntermediateDirectories: true)
                let measured: (seconds: Double, peakKB: Int, cpu: Double)
                if contender.name.hasPrefix("ImageMagick") {
                    measured = try Self.runImageMagick(contender.command[0], inputs, contender.output, width)
                } else {
                    measured = try Self.spawn(contender.command)
                }
                let written = try FileManager.default.contentsOfDirectory(atPath: contender.output)
                guard written.count == inputs.count else {
                    throw ValidationError("\(contender.name) wrote \(written.count) of \(inputs.count) files")
                }
                // Same work for everyone: every output is `width` pixels wide.
                for name in written {
                    let size = try ImageResizer().imageSize(atPath: contender.output + "/" + name)
                    guard size.width == width else {
                        throw ValidationError("\(contender.name) wrote \(name) \(size.width) px wide, not \(width)")
                    }
                }
                times[index].append(measured.seconds)
                peaks[index].append(measured.peakKB)
                cpus[index].append(measured.cpu)
                print(
                    "round \(round)  " + Self.padded(contender.name)
                        + String(
                            format: " %7.2f s wall  %7.2f s CPU  %7.1f MB", measured.seconds, measured.cpu,
                            Double(measured.peakKB) / 1024))
            }
        }

        print("")
        print(
            "\(inputs.count) photos \(photoWidth)×\(photoHeight) (\(inputs.count - inputs.count / 2) JPEG, "
                + "\(inputs.count / 2) PNG) → \(width) px wide JPEG Q85; \(ProcessInfo.processInfo.activeProcessorCount) "
                + "cores; medians of \(max(1, rounds)) rounds")
        print(Self.padded("contender") + "    wall s  images/s  ours ÷ it   CPU s  peak RSS MB (max)")
        let ourRate = Double(inputs.count) / Self.median(times[0])
        for (index, contender) in contenders.enumerated() {
            let wall = Self.median(times[index])
            let rate = Double(inputs.count) / wall
            let peak = Double(peaks[index].max() ?? 0) / 1024
            print(
                Self.padded(contender.name)
                    + String(
                        format: " %9.2f %9.2f %9.2f× %7.2f %12.1f", wall, rate, ourRate / rate,
                        Self.median(cpus[index]), peak))
        }
        print(
            String(format: "(the worker binary idle, resizing nothing: %.1f MB peak RSS)", Double(idle.peakKB) / 1024))
        print("Targets (issue 5): ≥ 0.9× vipsthumbnail's throughput, ≥ 3× ImageMagick's, peak < 150 MB.")
    }

    /// Generates the photos once (kept in `folder`), half JPEG and half PNG, with photo-like noise.
    private func generatePhotos(in folder: String) async throws -> [String] {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let paths = (0..<count).map { index in
            folder + String(format: "/photo%02d.", index) + (index.isMultiple(of: 2) ? "jpg" : "png")
        }
        let missing = paths.filter { !FileManager.default.fileExists(atPath: $0) }
        guard !missing.isEmpty else { return paths }
        print("generating \(missing.count) photos \(photoWidth)×\(photoHeight) in \(folder)…")
        let (width, height) = (photoWidth, photoHeight)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for path in missing {
                group.addTask {
                    // Hidden while being written, so an interrupted run never leaves a half photo in the set.
                    let name = (path as NSString).lastPathComponent
                    let partial = folder + "/." + name + ".part." + (path.hasSuffix("jpg") ? "jpg" : "png")
                    let options = path.hasSuffix("jpg") ? "[Q=92]" : ""
                    try SyntheticImage.write(to: partial + options, width: width, height: height, noise: 12)
                    guard rename(partial, path) == 0 else { throw ValidationError("cannot rename \(partial)") }
                }
            }
            try await group.waitForAll()
        }
        return paths
    }

    /// The worker: resizes every file in `input` into `output` with at most `parallelism` at once.
    private static func resizeAll(in input: String, into output: String, width: Int, parallelism: Int) async throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: input).filter { !$0.hasPrefix(".") }.sorted()
        let resizer = ImageResizer()
        try await withThrowingTaskGroup(of: Void.self) { group in
            var pending = names[...]
            func startNext() {
                guard let name = pending.popFirst() else { return }
                let stem = (name as NSString).deletingPathExtension
                group.addTask {
                    _ = try resizer.resize(
                        ResizeRequest(
                            input: input + "/" + name, output: output + "/" + stem + ".jpg", width: width,
                            fit: .inside, format: .jpg, quality: 85))
                }
            }
            for _ in 0..<max(1, parallelism) { startNext() }
            while try await group.next() != nil { startNext() }
        }
    }

    /// ImageMagick, one `convert` per file as a script would run it; the peak is the largest child's.
    private static func runImageMagick(
        _ convert: String, _ inputs: [String], _ output: String, _ width: Int
    ) throws -> (seconds: Double, peakKB: Int, cpu: Double) {
        var total = 0.0
        var cpu = 0.0
        var peak = 0
        for input in inputs {
            let stem = ((input as NSString).lastPathComponent as NSString).deletingPathExtension
            let measured = try spawn([
                convert, input, "-resize", "\(width)x", "-strip", "-quality", "85",
                output + "/" + stem + ".jpg",
            ])
            total += measured.seconds
            cpu += measured.cpu
            peak = max(peak, measured.peakKB)
        }
        return (total, peak, cpu)
    }

    /// Runs a command to completion; returns its wall time and its peak resident set in KB.
    ///
    /// The peak comes from GNU time (`/usr/bin/time -f %M`), which fork()s a small process before exec.
    /// Spawning the command directly would not do: glibc's posix_spawn shares this (large) process's
    /// memory until exec, and Linux folds that memory's high-water mark into the child's `ru_maxrss`.
    private static func spawn(_ command: [String]) throws -> (seconds: Double, peakKB: Int, cpu: Double) {
        let report = FileManager.default.temporaryDirectory.path + "/pipeline-bench-time-\(getpid()).txt"
        defer { _ = unlink(report) }
        let timed = ["/usr/bin/time", "-f", "%M %U %S", "-o", report] + command
        var arguments: [UnsafeMutablePointer<CChar>?] = timed.map { strdup($0) } + [nil]
        defer { for argument in arguments { free(argument) } }
        var pid: pid_t = 0
        let start = ContinuousClock.now
        let spawned = posix_spawnp(&pid, timed[0], nil, nil, &arguments, environ)
        guard spawned == 0 else {
            throw ValidationError(
                "cannot start \(timed[0]): \(String(cString: strerror(spawned))) (apt-get install time)")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw ValidationError("waitpid failed: \(String(cString: strerror(errno)))") }
        }
        let elapsed = ContinuousClock.now - start
        guard status == 0 else {
            throw ValidationError("\(command.prefix(3).joined(separator: " ")) … failed (wait status \(status))")
        }
        let text = (try? String(contentsOfFile: report, encoding: .utf8)) ?? ""
        let fields = text.split(whereSeparator: \.isNewline).last?.split(separator: " ") ?? []
        guard fields.count == 3, let peak = Int(fields[0]), let user = Double(fields[1]), let system = Double(fields[2])
        else {
            throw ValidationError("no peak memory from /usr/bin/time: \(text)")
        }
        let seconds = elapsed.seconds
        return (seconds, peak, user + system)
    }

    /// This binary, re-executed with the same subcommand path up to `resize`.
    private static func workerCommand() -> [String] {
        let arguments = CommandLine.arguments
        let executable = Executable.current
        guard let index = arguments.firstIndex(of: configuration.commandName ?? "resize"), index > 0 else {
            return [executable]
        }
        return [executable] + arguments[1...index]
    }

    /// The first `convert` that is really ImageMagick (this machine may have a stand-in first on PATH).
    private static func findImageMagick() async -> String? {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        let candidates = folders.map { "\($0)/convert" } + ["/usr/bin/convert-im6.q16", "/usr/bin/magick"]
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate) {
            guard let text = try? await Executable.run(candidate, ["-version"]) else { continue }
            if text.contains("ImageMagick") { return candidate }
        }
        return nil
    }

    private static func padded(_ text: String) -> String {
        text.count >= 34 ? text : text + String(repeating: " ", count: 34 - text.count)
    }

    private static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        return sorted.count.isMultiple(of: 2)
            ? (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2 : sorted[sorted.count / 2]
    }
}
