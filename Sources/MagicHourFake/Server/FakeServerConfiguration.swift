public import MagicHourRules

/// How a ``FakeMagicHourServer`` behaves: what it accepts, what it charges, how fast it renders,
/// and which faults it injects.
public struct FakeServerConfiguration: Sendable {
    /// Interface to bind; loopback by default.
    public var host: String
    /// Port to bind; 0 picks a free one (read ``FakeMagicHourServer/port``).
    public var port: Int
    /// The only API key accepted (`Authorization: Bearer <token>`).
    public var acceptedToken: String
    /// Starting credit balance of the account.
    public var balance: Int
    /// Time from create until the project can be complete (queued for the first quarter): the
    /// median when ``renderTimeSpread`` is above 0. The video encode runs meanwhile; a project is
    /// complete when both are done.
    public var renderTime: Duration
    /// σ of the logarithm of each project's render time around ``renderTime`` (log-normal, drawn
    /// from ``seed`` and the project's ordinal); 0: every project takes ``renderTime``.
    public var renderTimeSpread: Double = 0

    /// The render times ``renderTime`` and ``renderTimeSpread`` describe.
    public var renderTimes: RenderTimeDistribution {
        RenderTimeDistribution(median: renderTime, spread: renderTimeSpread)
    }
    /// Lifetime of a download URL (403 after it).
    public var downloadURLExpiry: Duration
    /// Lifetime of an upload URL (403 after it).
    public var uploadURLExpiry: Duration
    /// Resolutions on the account's plan; others answer 403.
    public var allowedResolutions: Set<VideoResolution>
    /// Status of "not enough credits": 402 (since 2026-03) or 422 (older servers).
    public var outOfCreditsStatus: Int
    /// Random faults, drawn from a generator seeded with ``seed``.
    public var faults: FaultRates
    /// Seed of every random choice (ids, faults), for repeatable runs.
    public var seed: UInt64
    /// Where uploads and rendered videos go; a new temporary folder when `nil`.
    public var workDirectory: String?
    /// A folder where the fake keeps its projects, uploads, rendered videos and balance across
    /// restarts (`account.json`, written atomically after each change, loaded at start); it is
    /// also the work folder then. `nil`: everything is forgotten at stop.
    public var stateDirectory: String?
    /// The ffmpeg executable; looked up on `PATH` when `nil`. When it is missing (or this path is not
    /// executable), every project serves a small fallback MP4 instead, and a warning is logged once.
    public var ffmpegPath: String?
    /// Largest accepted upload.
    public var maxUploadBytes: Int64
    /// What the fake charges per second for a model the catalog lists as unpriced (the real
    /// price is known only from the create answer), and per billed second of any unpriced
    /// video-project request of the generation endpoints (image and audio ones: 50 per image
    /// or per job).
    public var unpricedCreditsPerSecond: Int = 50

    /// How long each create call (of any generation endpoint) takes before it is answered (to
    /// observe how many overlap).
    public var createDelay: Duration = .zero

    /// The final `credits_charged` of a completed project is the create answer's estimate times
    /// this, rounded (the real API corrects the estimate from the frames rendered); 1: no change.
    public var finalCreditsFactor: Double = 1

    /// The account's tier, as `GET /v1/account` answers it; it decides what `default` renders
    /// with (kling-3.0 on paid tiers, ltx-2.5 on free) and the default resolution (720p, 480p free).
    public var tier: AccountTier = .creator

    /// Creates a configuration.
    public init(
        host: String = "127.0.0.1",
        port: Int = 0,
        acceptedToken: String = "mhk_test_fake_token",
        balance: Int = 100_000,
        renderTime: Duration = .seconds(5),
        downloadURLExpiry: Duration = .seconds(24 * 3600),
        uploadURLExpiry: Duration = .seconds(3600),
        allowedResolutions: Set<VideoResolution> = Set(VideoResolution.allCases),
        outOfCreditsStatus: Int = 402,
        faults: FaultRates = .none,
        seed: UInt64 = 42,
        workDirectory: String? = nil,
        stateDirectory: String? = nil,
        ffmpegPath: String? = nil,
        maxUploadBytes: Int64 = 2 << 30
    ) {
        self.host = host
        self.port = port
        self.acceptedToken = acceptedToken
        self.balance = balance
        self.renderTime = renderTime
        self.downloadURLExpiry = downloadURLExpiry
        self.uploadURLExpiry = uploadURLExpiry
        self.allowedResolutions = allowedResolutions
        self.outOfCreditsStatus = outOfCreditsStatus
        self.faults = faults
        self.seed = seed
        self.workDirectory = workDirectory
        self.stateDirectory = stateDirectory
        self.ffmpegPath = ffmpegPath
        self.maxUploadBytes = maxUploadBytes
    }
}
