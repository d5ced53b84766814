/// Who reserves credits: the identities a reservation is tagged with (so that every limit
/// scoped to one of them counts it), and the process that holds it.
public struct CreditSpender: Sendable, Equatable {
    /// The run making the create call.
    public var runID: String
    /// The pipeline's name.
    public var pipeline: String
    /// The Magic Hour account: the `id` that `GET /v1/account` answers, else a salted hash of
    /// the API key (never the key). Nil when unknown: no account limit can count it.
    public var account: String?
    /// The process holding the reservation.
    public var owner: ProcessIdentity

    /// Creates a spender.
    public init(runID: String, pipeline: String, account: String?, owner: ProcessIdentity = .current) {
        self.runID = runID
        self.pipeline = pipeline
        self.account = account
        self.owner = owner
    }
}
