import MagicHourRules

/// The stage types `uses:` can name.
public struct StageTypeRegistry: Sendable {
    public var types: [StageType]

    public init(types: [StageType]) {
        self.types = types
    }

    public subscript(name: String) -> StageType? {
        types.first { $0.name == name }
    }

    /// The built-in stage types: the four of the engine, and one per Magic Hour generation
    /// endpoint of ``EndpointCatalog``.
    public static let builtIn = StageTypeRegistry(
        types: [.imageResize, .imageToVideo, .download, .rename] + EndpointCatalog.endpoints.map(EndpointStage.type))
}

extension StageType {
    /// `image.resize` — resize an image with libvips.
    public static let imageResize = StageType(
        name: "image.resize", version: 1,
        summary: "Resizes an image (libvips): fit inside, cover, fill or shrink-only a box.",
        parameters: [
            ParameterSpec("image", .file(allowsURL: false), required: true, "the image to resize"),
            ParameterSpec("width", .integer(1...20_000), "target width in pixels"),
            ParameterSpec("height", .integer(1...20_000), "target height in pixels"),
            ParameterSpec(
                "fit", .enumeration(["contain", "cover", "fill", "inside"]), default: "contain",
                "contain: fit inside the box; cover: fill the box and crop; fill: stretch; inside: contain, never crop"),
            ParameterSpec("format", .enumeration(["keep", "png", "jpg", "webp"]), default: "keep", "output format"),
            ParameterSpec("quality", .integer(1...100), default: "85", "JPEG/WebP quality"),
            ParameterSpec("upscale", .boolean, default: "false", "enlarge images smaller than the target"),
        ],
        outputs: [
            OutputSpec("path", .string, knownAtPlan: true, "the resized file"),
            OutputSpec("width", .number, "width in pixels"),
            OutputSpec("height", .number, "height in pixels"),
            OutputSpec("format", .string, knownAtPlan: true, "png, jpg or webp"),
            OutputSpec("bytes", .number, "file size"),
        ],
        isPaid: false, workload: .cpu, defaultTimeout: 300, requiresUpstream: false,
        rules: { parameters, _ in
            parameters["width"] == nil && parameters["height"] == nil
                ? [("width", ParameterProblem("image.resize needs 'width', 'height' or both", code: .missingParameter))]
                : []
        },
        cost: { _, _, _, _ in PricedCredits(0, source: .catalog) },
        plannedPath: { naming in
            let format = naming.parameters["format"]?.stringValue ?? "keep"
            let sourceExtension = PathText.extension(naming.parameters["image"]?.interpolated ?? "").lowercased()
            let fileExtension = format == "keep" ? (sourceExtension.isEmpty ? "png" : sourceExtension) : format
            let width = naming.parameters["width"].map { Value.format($0.numberValue ?? 0) } ?? "auto"
            let height = naming.parameters["height"].map { Value.format($0.numberValue ?? 0) } ?? "auto"
            let fit = naming.parameters["fit"]?.stringValue ?? "contain"
            return naming.workPath("\(naming.stem)-\(width)x\(height)-\(fit)-\(naming.taskTag).\(fileExtension)")
        })

    /// `magic_hour.image_to_video` — a paid Magic Hour image-to-video job. Its per-model rules and
    /// prices are `VideoModelCatalog`'s (MagicHourRules), read through `ImageToVideoStage`.
    public static let imageToVideo = StageType(
        name: "magic_hour.image_to_video", version: 1,
        summary: "Generates a video from an image through the Magic Hour API (paid, in credits).",
        parameters: [
            ParameterSpec(
                "image", .file(allowsURL: true), required: true, "local image (uploaded first) or http(s) URL"),
            ParameterSpec(
                "end_seconds", .number(ImageToVideoRules.minimumSeconds...ImageToVideoRules.maximumSeconds),
                required: true,
                "video length: 1 to 60 s; each model takes its own lengths (`pipeline models`)"),
            ParameterSpec(
                "resolution", .enumeration(VideoResolution.allCases.map(\.rawValue)),
                default: VideoResolution.default.rawValue,
                VideoResolution.allCases.map(\.rawValue).joined(separator: ", ") + "; each model renders its own"),
            // No declared default: a task without `model`, `audio` or `end_image` keeps the cache key
            // it had before these parameters existed. The API's default model is `default`.
            ParameterSpec(
                "model", .enumeration(VideoModelCatalog.ids),
                "the video model (API default: `default`, which changes over time; pin one, see `pipeline models`)"),
            ParameterSpec("audio", .boolean, "a soundtrack, on models that have one (API default: false)"),
            ParameterSpec(
                "end_image", .file(allowsURL: true),
                "the last frame: local image (uploaded first) or http(s) URL, on models that take one"),
            ParameterSpec("prompt", .string, "what should happen in the video (style.prompt)"),
            ParameterSpec(
                "name", .string, affectsResult: false,
                "the project's label in Magic Hour (default: pipeline/stage/task); does not change the video"),
        ],
        outputs: [
            OutputSpec("project_id", .string, "the Magic Hour project id"),
            OutputSpec("status", .string, "complete, error or canceled"),
            OutputSpec("credits_charged", .number, "credits the job cost"),
            OutputSpec("fps", .number, "frames per second"),
            OutputSpec("width", .number, "video width"),
            OutputSpec("height", .number, "video height"),
            OutputSpec(
                "downloads", .list(.object(["url": .string, "expires_at": .string], open: false)), "download URLs"),
        ],
        isPaid: true, workload: .remote, defaultTimeout: 1800, requiresUpstream: false, callsMagicHour: true,
        rules: ImageToVideoStage.problems(in:context:),
        cost: { parameters, tier, prices, _ in ImageToVideoStage.cost(for: parameters, tier: tier, prices: prices) },
        plannedPath: { _ in nil })

    /// `download` — fetch a finished Magic Hour project's files (videos, images or audio).
    public static let download = StageType(
        name: "download", version: 1,
        summary: "Downloads the files of an upstream Magic Hour project (video, images, audio), streamed and verified.",
        parameters: [
            ParameterSpec(
                "project", .string, default: "${{ item.project_id }}", "the project id (default: the upstream item's)")
        ],
        outputs: [
            OutputSpec("path", .string, knownAtPlan: true, "the downloaded file (the project's first output)"),
            OutputSpec("paths", .list(.string), "every output of the project (NAME-2.png… after the first)"),
            OutputSpec("sha256", .string, "SHA-256 of the first file"),
            OutputSpec("bytes", .number, "size of the first file"),
            OutputSpec("duration", .number, "seconds of the first file of a video or audio project (libavformat)"),
        ],
        isPaid: false, workload: .io, defaultTimeout: 1800, requiresUpstream: true, callsMagicHour: true,
        rules: { _, _ in [] },
        cost: { _, _, _, _ in PricedCredits(0, source: .catalog) },
        plannedPath: { naming in
            // stem-value…-tag.mp4
            var file = naming.stem
            for (_, value) in naming.matrix {
                guard let text = value.interpolated else { continue }
                file += "-"
                file += FileNameText.safe(text)
            }
            file += "-"
            file += naming.taskTag
            file += "."
            file += naming.upstreamExtension
            return naming.workPath(file)
        })

    /// `rename` — give an upstream file its final name inside `settings.output_dir`.
    public static let rename = StageType(
        name: "rename", version: 1,
        summary: "Copies or moves an upstream file to a name built from a template, inside output_dir.",
        parameters: [
            ParameterSpec(
                "from", .file(allowsURL: false), default: "${{ item.path }}",
                "the file to rename (default: the upstream item's)"),
            ParameterSpec("to", .outputPath, required: true, "the new path, relative to settings.output_dir"),
            ParameterSpec(
                "mode", .enumeration(["copy", "move"]), default: "copy",
                "copy keeps the work file (and the cache) intact"),
            ParameterSpec(
                "on_exists", .enumeration(["error", "overwrite", "skip", "version"]), default: "error",
                "what to do when the target exists: error, overwrite, skip, or version (adds -1, -2…)"),
        ],
        outputs: [
            OutputSpec("path", .string, knownAtPlan: true, "the final file")
        ],
        isPaid: false, workload: .io, defaultTimeout: 300, requiresUpstream: true,
        rules: { _, _ in [] },
        cost: { _, _, _, _ in PricedCredits(0, source: .catalog) },
        plannedPath: { naming in
            naming.parameters["to"]?.stringValue.map { PathText.join(naming.settings.outputDirectory, $0) }
        })
}

/// Makes a value safe to use inside a generated file name.
enum FileNameText {
    static func safe(_ text: String) -> String {
        let plain = text.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
        }
        if plain { return text }
        return String(text.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "_" })
    }
}
