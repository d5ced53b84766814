/// One field of a generation endpoint's request body, as a stage parameter: the `with:` name a
/// pipeline gives it, where it goes in the JSON body, and what values it takes.
public struct EndpointField: Sendable {
    /// The values a field takes.
    public enum Kind: Sendable, Hashable {
        case text
        case integer(ClosedRange<Int>)
        case number(ClosedRange<Double>)
        case boolean
        case choice([String])
        /// A media file: a local path (uploaded first) or an http(s) URL.
        case file(MediaKind)
    }

    /// The stage parameter's name (`with:`), e.g. `prompt`.
    public var parameter: String
    /// Where the value goes in the body, e.g. `["style", "prompt"]`.
    public var path: [String]
    public var kind: Kind
    public var isRequired: Bool
    /// The value the stage sends when the pipeline gives none (part of the cache key); `nil`
    /// leaves the field out, so that the API's own default applies.
    public var defaultValue: String?
    /// Whether the body carries the value as a one-element array (`image_file_paths`).
    public var isList: Bool
    public var summary: String

    public init(
        _ parameter: String, at path: String, _ kind: Kind, required: Bool = false, default defaultValue: String? = nil,
        list: Bool = false, _ summary: String
    ) {
        self.parameter = parameter
        self.path = path.split(separator: ".").map(String.init)
        self.kind = kind
        self.isRequired = required
        self.defaultValue = defaultValue
        self.isList = list
        self.summary = summary
    }

    /// The dotted body path, e.g. `style.prompt`.
    public var dottedPath: String { path.joined(separator: ".") }

    /// The media kind of a file field; `nil` for other fields.
    public var media: MediaKind? {
        if case .file(let media) = kind { return media }
        return nil
    }
}
