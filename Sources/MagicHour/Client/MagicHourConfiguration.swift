/// Settings of a ``MagicHourClient``: where the API is, how long to wait, how to retry and poll.
public struct MagicHourConfiguration: Sendable {
    /// Base URL of the API, without a trailing slash. Default `https://api.magichour.ai`.
    public var baseURL: String
    /// Longest time to establish a connection.
    public var connectTimeout: Duration
    /// Longest time for one API request to get its response head.
    public var requestTimeout: Duration
    /// Longest silence between two bytes of a response body (downloads included).
    public var readIdleTimeout: Duration
    /// Longest time for a whole upload or a whole download attempt.
    public var transferTimeout: Duration
    /// When and how often failed requests are tried again.
    public var retry: RetryPolicy
    /// How ``MagicHourClient/waitForProject(id:policy:)`` polls.
    public var polling: PollPolicy
    /// How many times a download is started again after an expired URL or a short body.
    public var maxDownloadAttempts: Int
    /// A download URL that expires sooner than this is refreshed before use.
    public var downloadURLSafetyMargin: Duration
    /// Whether a download is handed to the disk as it arrives and fsynced before its rename.
    /// Always on in the product; `pipeline-bench download` turns it off to show what durability
    /// costs, which is why it is not public.
    package var durableDownloads = true

    /// The production defaults: 10 s connect, 60 s per request, retries with backoff from 1 s.
    public init(
        baseURL: String = "https://api.magichour.ai",
        connectTimeout: Duration = .seconds(10),
        requestTimeout: Duration = .seconds(60),
        readIdleTimeout: Duration = .seconds(60),
        transferTimeout: Duration = .seconds(3600),
        retry: RetryPolicy = .default,
        polling: PollPolicy = .default,
        maxDownloadAttempts: Int = 4,
        downloadURLSafetyMargin: Duration = .seconds(30)
    ) {
        var trimmed = baseURL
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.baseURL = trimmed
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.readIdleTimeout = readIdleTimeout
        self.transferTimeout = transferTimeout
        self.retry = retry
        self.polling = polling
        self.maxDownloadAttempts = maxDownloadAttempts
        self.downloadURLSafetyMargin = downloadURLSafetyMargin
    }
}
