/// A rule of a generation endpoint a request breaks: which stage parameter, what is wrong, and
/// what would be accepted.
public struct EndpointViolation: Error, Equatable, Sendable, CustomStringConvertible {
    /// The stage parameter (its body path is the endpoint field's).
    public var parameter: String
    public var message: String
    public var hint: String?

    public init(_ parameter: String, _ message: String, hint: String? = nil) {
        self.parameter = parameter
        self.message = message
        self.hint = hint
    }

    public var description: String { message }
}
