/// `settings:` — run-wide options.
public struct Settings: Sendable, Hashable {
    /// Where final outputs go, relative to the pipeline file's folder.
    public var outputDirectory: String
    /// Tasks in flight at once, all stages together.
    public var maxParallel: Int
    /// The run refuses to start when its credit estimate exceeds this.
    public var budgetCredits: Int?
    /// The state store file, relative to the pipeline file's folder.
    public var stateFile: String
    /// A file of `KEY=value` lines read before a run (used by cron runs for the API key).
    public var envFile: String?

    public static let defaultMaxParallel = 8
    public static let defaultStateFile = ".pipeline/state.db"

    public init(
        outputDirectory: String, maxParallel: Int = Settings.defaultMaxParallel, budgetCredits: Int? = nil,
        stateFile: String = Settings.defaultStateFile, envFile: String? = nil
    ) {
        self.outputDirectory = outputDirectory
        self.maxParallel = maxParallel
        self.budgetCredits = budgetCredits
        self.stateFile = stateFile
        self.envFile = envFile
    }

    /// Work files (resized images, downloads before renaming) live here, inside the output folder.
    public var workDirectory: String { PathText.join(outputDirectory, ".work") }
}
