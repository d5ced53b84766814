import MagicHourRules

/// `settings:` — run-wide options.
public struct Settings: Sendable, Hashable {
    /// Where final outputs go, relative to the pipeline file's folder.
    public var outputDirectory: String
    /// Tasks in flight at once, all stages together.
    public var maxParallel: Int
    /// The run refuses to start when its credit estimate exceeds this.
    public var budgetCredits: Int?
    /// `budget:` and `max_parallel_creates`: limits shared by every run using the state store.
    public var fleet = FleetLimits()
    /// The state store file, relative to the pipeline file's folder.
    public var stateFile: String
    /// A file of `KEY=value` lines read before a run (used by cron runs for the API key).
    public var envFile: String?
    /// Where `env_file` is written in the pipeline file, for errors about the file it names.
    public var envFileLocation: SourceLocation?
    /// The most tasks a plan may have; the planner refuses a larger one before building it.
    public var maxTasks: Int
    /// Environment variables expressions may not read (besides `Settings.alwaysSecret`).
    public var secrets: [String]
    /// `tier:` the Magic Hour account's tier when no key tells it (`GET /v1/account` does when
    /// one is present): what `default` and an unset resolution mean.
    public var tier: AccountTier?
    /// `prices:` credits per second the pipeline gives for models, over the catalog's (for an
    /// unpriced model, or to correct the catalog). Not part of any request or cache key.
    public var prices = PriceOverrides.none

    public static let defaultMaxParallel = 8
    public static let defaultStateFile = ".pipeline/state.db"
    public static let defaultMaxTasks = 5_000_000
    /// Variables no expression may read, whatever `settings.secrets` says.
    public static let alwaysSecret: Set<String> = ["MAGIC_HOUR_API_KEY"]

    public init(
        outputDirectory: String, maxParallel: Int = Settings.defaultMaxParallel, budgetCredits: Int? = nil,
        stateFile: String = Settings.defaultStateFile, envFile: String? = nil, envFileLocation: SourceLocation? = nil,
        maxTasks: Int = Settings.defaultMaxTasks, secrets: [String] = []
    ) {
        self.outputDirectory = outputDirectory
        self.maxParallel = maxParallel
        self.budgetCredits = budgetCredits
        self.stateFile = stateFile
        self.envFile = envFile
        self.envFileLocation = envFileLocation
        self.maxTasks = maxTasks
        self.secrets = secrets
    }

    /// Work files (resized images, downloads before renaming) live here, inside the output folder.
    public var workDirectory: String { PathText.join(outputDirectory, ".work") }

    /// Every variable expressions may not read: the API key and `secrets`.
    public var secretNames: Set<String> { Settings.alwaysSecret.union(secrets) }
}
