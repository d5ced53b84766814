/// Shares (0…1) of requests that get each random fault. Drawn per request from a seeded generator.
public struct FaultRates: Sendable, Equatable {
    /// Share answered 429; every other one carries `Retry-After: retryAfterSeconds`.
    public var rateLimited: Double
    /// `Retry-After` value sent with half of the 429s.
    public var retryAfterSeconds: Int
    /// Share answered 500, 502 or 503.
    public var serverError: Double
    /// Share whose connection is closed before any answer (the request is not processed).
    public var droppedConnection: Double
    /// Share answered only after ``slowResponseDelay``.
    public var slowResponse: Double
    /// Delay of a slow response.
    public var slowResponseDelay: Duration
    /// Share of downloads whose body stops halfway (the connection is closed).
    public var truncatedDownload: Double
    /// Share of projects that end in `error` (credits refunded).
    public var projectError: Double
    /// Share of projects that end `canceled` (credits refunded).
    public var projectCanceled: Double
    /// Share of creates (`POST /v1/image-to-video` and every generation endpoint, the
    /// ``FakeRoute/create`` route) answered 400 with the `Authorization` header
    /// echoed in the message (``FakeFault/echoAuthorization``).
    public var echoAuthorization: Double

    /// Creates rates; all zero by default.
    public init(
        rateLimited: Double = 0, retryAfterSeconds: Int = 1, serverError: Double = 0,
        droppedConnection: Double = 0, slowResponse: Double = 0, slowResponseDelay: Duration = .seconds(2),
        truncatedDownload: Double = 0, projectError: Double = 0, projectCanceled: Double = 0,
        echoAuthorization: Double = 0
    ) {
        self.rateLimited = rateLimited
        self.retryAfterSeconds = retryAfterSeconds
        self.serverError = serverError
        self.droppedConnection = droppedConnection
        self.slowResponse = slowResponse
        self.slowResponseDelay = slowResponseDelay
        self.truncatedDownload = truncatedDownload
        self.projectError = projectError
        self.projectCanceled = projectCanceled
        self.echoAuthorization = echoAuthorization
    }

    /// No faults.
    public static let none = FaultRates()
}
