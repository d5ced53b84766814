/// One Magic Hour generation endpoint (`POST /v1/<id>`) as data: its body fields as stage
/// parameters, the project kind it makes, its price and its typical processing time. A stage type
/// `magic_hour.<id with _>` is made from each (PipelineLanguage), the executor builds its body from
/// ``fields`` (PipelineStages) and the fake validates and charges with the same entry.
public struct GenerationEndpoint: Sendable {
    /// The path segment, e.g. `ai-image-generator`.
    public var id: String
    public var summary: String
    public var kind: ProjectKind
    /// The project `type` the GET answer names, e.g. `AI_IMAGE`.
    public var projectType: String
    public var fields: [EndpointField]
    /// Body fields the stage fills itself.
    public var fixed: [FixedField]
    /// Objects the body must carry even when empty (`style` of auto-subtitle, face-editor).
    public var requiredObjects: [String]
    public var price: EndpointPrice
    /// The processing-time entry (``ProcessingTimeCatalog``).
    public var timing: MagicHourEndpoint
    /// The file parameter whose length bounds the segment `start_seconds`–`end_seconds`, if any.
    public var timedInput: String?
    /// An example `with:` for the docs, parameter by parameter (YAML scalars).
    public var example: [(String, String)]

    public init(
        _ id: String, kind: ProjectKind, type projectType: String, timing: MagicHourEndpoint, _ summary: String,
        fields: [EndpointField], fixed: [FixedField] = [], requiredObjects: [String] = [], timedInput: String? = nil,
        price: EndpointPrice, example: [(String, String)]
    ) {
        self.id = id
        self.summary = summary
        self.kind = kind
        self.projectType = projectType
        self.fields = fields
        self.fixed = fixed
        self.requiredObjects = requiredObjects
        self.price = price
        self.timing = timing
        self.timedInput = timedInput
        self.example = example
    }

    /// The extension of the files its project downloads: `mp4`, `png` (`gif` for the GIF
    /// generator) or `mp3`.
    public var outputExtension: String {
        switch kind {
        case .video: "mp4"
        case .image: id == "ai-gif-generator" ? "gif" : "png"
        case .audio: "mp3"
        }
    }

    /// `/v1/<id>`
    public var path: String { "/v1/\(id)" }

    /// `magic_hour.<id>` with `-` as `_`, e.g. `magic_hour.ai_image_generator`.
    public var stageTypeName: String { "magic_hour." + id.replacingOccurrences(of: "-", with: "_") }

    public func field(_ parameter: String) -> EndpointField? {
        fields.first { $0.parameter == parameter }
    }

    /// The typical processing time, in seconds.
    public var typicalSeconds: Double { ProcessingTimeCatalog[timing] }

    /// Seconds of media the job works on or makes: `end_seconds − start_seconds`, the end bounded
    /// by the timed input's length when known; `nil` without `end_seconds`.
    public func billedSeconds(_ values: [String: EndpointValue], input: MediaFacts) -> Double? {
        guard let end = values["end_seconds"]?.number else { return nil }
        let start = values["start_seconds"]?.number ?? 0
        let bounded = input.durationSeconds.map { min(end, $0) } ?? end
        return max(0, bounded - start)
    }
}
