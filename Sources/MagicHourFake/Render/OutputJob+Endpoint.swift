import MagicHourRules

extension OutputJob {
    /// Endpoints whose images have an alpha channel.
    static let transparentOutputs: Set<String> = ["image-background-remover"]
    /// The image field an image endpoint's output is made from, in order of preference (the
    /// photo edited; the scene or body something is put into).
    static let imageSubjects = ["image", "scene", "body", "person"]

    /// The output of a request to `body`'s endpoint, made from the uploaded `inputs` (by stage
    /// parameter; URLs the fake cannot fetch are absent) and the timed input's `facts`.
    init(_ body: GenerationBody, inputs: [String: Input], facts: MediaFacts) {
        let endpoint = body.endpoint
        let values = body.values
        var inputs = inputs
        if let timed = endpoint.timedInput {
            inputs[timed]?.offset = values["start_seconds"]?.number ?? 0
        }
        let files = endpoint.fields.filter { inputs[$0.parameter] != nil }
        let first = { (media: MediaKind) in files.first { $0.media == media }.flatMap { inputs[$0.parameter] } }
        let start = values["start_seconds"]?.number ?? 0
        let end = values["end_seconds"]?.number ?? 0
        switch endpoint.kind {
        case .video:
            let resolution = values["resolution"]?.text.flatMap(VideoResolution.init(rawValue:)) ?? .p720
            var (width, height) = resolution.frameSize
            switch values["aspect_ratio"]?.text {
            case "9:16"?: (width, height) = (height, width)
            case "1:1"?: width = height
            default: break
            }
            if let w = values["width"]?.number, let h = values["height"]?.number { (width, height) = (Int(w), Int(h)) }
            let fps = values["fps"]?.number.map { Int($0.rounded()) } ?? resolution.framesPerSecond
            let seconds = max(0.1, endpoint.billedSeconds(values, input: facts) ?? end)
            self.init(
                kind: .video, format: "mp4", width: width, height: height, fps: fps, seconds: seconds,
                visual: first(.video) ?? first(.image), sound: first(.audio), startSeconds: start, endSeconds: end)
        case .image:
            let format = endpoint.field("output_format") == nil ? "png" : values["output_format"]?.text ?? "gif"
            let (width, height) = Self.imageFrame(
                resolution: values["resolution"]?.text, aspectRatio: values["aspect_ratio"]?.text,
                animated: format != "png")
            let subject = Self.imageSubjects.lazy.compactMap { inputs[$0] }.first ?? first(.image)
            self.init(
                kind: .image, format: format, width: width, height: height, fps: 10, seconds: 2,
                count: Int(values["image_count"]?.number ?? 1), scale: values["scale_factor"]?.number,
                alpha: Self.transparentOutputs.contains(endpoint.id), visual: format == "png" ? subject : nil)
        case .audio:
            let characters = values["prompt"]?.text?.count ?? 0
            self.init(
                kind: .audio, format: "mp3", width: 0, height: 0, fps: 0,
                seconds: EndpointCatalog.speechSeconds(characters: characters))
        }
    }

    /// The size of a generated image: its long side from the resolution (`640px` 640, `1k` and
    /// `auto` 1024, `2k` 2048, `4k` capped at 2048 to stay fast; animations 320), its short side
    /// from the aspect ratio (`16:9`, `4:5`…; square when absent or `auto`), both even.
    static func imageFrame(resolution: String?, aspectRatio: String?, animated: Bool) -> (Int, Int) {
        let side: Int
        switch resolution {
        case "640px"?: side = 640
        case "2k"?, "4k"?: side = 2048
        default: side = 1024
        }
        let long = animated ? 320 : side
        let parts = (aspectRatio ?? "").split(separator: ":").compactMap { Double($0) }
        guard parts.count == 2, parts[0] > 0, parts[1] > 0 else { return (long, long) }
        let even = { (value: Double) in max(2, Int((value / 2).rounded()) * 2) }
        return parts[0] >= parts[1]
            ? (long, even(Double(long) * parts[1] / parts[0])) : (even(Double(long) * parts[0] / parts[1]), long)
    }
}
