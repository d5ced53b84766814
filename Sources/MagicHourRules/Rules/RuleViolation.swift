/// A broken per-model rule of `POST /v1/image-to-video`: which field, what is wrong, and what
/// would be accepted instead.
public struct RuleViolation: Error, Equatable, Sendable, CustomStringConvertible {
    /// The request field the rule is about.
    public enum Field: String, Sendable, Hashable, CaseIterable {
        case model
        case endSeconds = "end_seconds"
        case resolution
        case audio
        case endImage = "end_image"

        /// The field's name in the API's JSON body.
        public var apiName: String {
            self == .endImage ? "assets.end_image_file_path" : rawValue
        }
    }

    public var field: Field
    public var message: String
    /// What the model accepts and which models accept the asked value.
    public var hint: String

    public init(_ field: Field, _ message: String, hint: String) {
        self.field = field
        self.message = message
        self.hint = hint
    }

    public var description: String { message }
}
