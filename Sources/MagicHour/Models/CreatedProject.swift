/// The answer to a create call: the project id and the credits it was charged.
public struct CreatedProject: Sendable, Equatable, Decodable {
    /// The project id, to poll with ``MagicHourClient/getProject(id:)``.
    public var id: String
    /// Credits deducted at queueing (an estimate until the project completes).
    public var creditsCharged: Int

    /// Creates a value.
    public init(id: String, creditsCharged: Int) {
        self.id = id
        self.creditsCharged = creditsCharged
    }

    private enum CodingKeys: String, CodingKey {
        case id
        case creditsCharged = "credits_charged"
    }
}
