/// The keys each mapping of the language accepts, with a one-line summary each. The decoder,
/// the JSON Schema and the docs all read these tables.
public enum LanguageKeys {
    public static let topLevel: [(key: String, summary: String)] = [
        ("version", "language version; must be 1"),
        ("name", "the pipeline's name (default: the file's stem); used in locks, history and project names"),
        ("description", "free text"),
        ("schedule", "when cron runs the pipeline (`pipeline schedule install`)"),
        ("settings", "run-wide options"),
        ("inputs", "named lists of files or values that stages iterate over"),
        ("stages", "the work, one entry per stage"),
    ]

    public static let settings: [(key: String, summary: String)] = [
        ("output_dir", "where outputs go, relative to the pipeline file (default: out/NAME)"),
        ("max_parallel", "tasks in flight at once, all stages together (default 8)"),
        ("budget_credits", "refuse to start a run whose credits still to spend exceed this"),
        (
            "budget",
            "daily and monthly credit limits of this pipeline and of the account, shared by every run using the state store"
        ),
        (
            "max_parallel_creates",
            "paid create calls in flight at once for the account, across every run using the state store"
        ),
        ("state", "the state store file (default: .pipeline/state.db beside the pipeline file)"),
        ("env_file", "a KEY=value regular file read before a run (for cron: the API key)"),
        ("max_tasks", "the most tasks a plan may have (default 5,000,000); a larger plan is refused"),
        ("secrets", "environment variables expressions may not read (MAGIC_HOUR_API_KEY never can)"),
        ("tier", "the Magic Hour tier without a key (free, creator, pro, business): what model `default` is"),
        (
            "prices",
            "credits per second by model and resolution, over the catalog's (an unpriced model, or a correction); never in a cache key"
        ),
    ]

    public static let price: [(key: String, summary: String)] = [
        ("per_second", "credits per second without audio"),
        ("audio_per_second", "extra credits per second when audio is on (default 0: sound included)"),
    ]

    public static let budget: [(key: String, summary: String)] = [
        ("daily", "credits this pipeline's runs may reserve per UTC day, all together"),
        ("monthly", "credits this pipeline's runs may reserve per UTC month, all together"),
        ("account", "the same limits for every pipeline using this state store with the same Magic Hour account"),
    ]

    public static let accountBudget: [(key: String, summary: String)] = [
        ("daily", "credits every pipeline on this account and state store may reserve per UTC day"),
        ("monthly", "credits every pipeline on this account and state store may reserve per UTC month"),
    ]

    public static let schedule: [(key: String, summary: String)] = [
        ("cron", "five-field cron expression or @daily-style macro"),
        ("overlap", "skip | wait: what a run does while the previous run still holds the lock"),
        ("wait_timeout", "with overlap: wait, how long to wait for the lock (default 1h)"),
    ]

    public static let input: [(key: String, summary: String)] = [
        ("glob", "files matching a pattern (*, **, ?, [abc], {png,jpg}), relative to the pipeline file"),
        ("exclude", "with glob: patterns to leave out"),
        ("if_empty", "with glob: error | warn | ignore when it matches no file (default warn)"),
        ("files", "a list of file paths"),
        ("values", "a list of plain values"),
    ]

    public static let stage: [(key: String, summary: String)] = [
        ("uses", "the stage type"),
        ("with", "the stage type's parameters; strings may contain ${{ }} expressions"),
        ("needs", "stages that must finish first (stage-level ordering)"),
        ("for_each", "one task per item: ${{ inputs.NAME }}, ${{ stages.NAME }}, a list, or { glob: PATTERN }"),
        ("matrix", "axes fanning each item out; include and exclude like CI matrices"),
        ("retry", "attempts (and backoff) for failed tasks: 3 or { attempts: 3, backoff: 5s }"),
        ("timeout", "time one attempt may take: 90s, 20m, 1h"),
        ("if", "a boolean expression; tasks where it is false are left out of the plan"),
        ("max_parallel", "a lower limit of this stage's tasks in flight"),
        ("description", "free text"),
    ]

    public static let retry: [(key: String, summary: String)] = [
        ("attempts", "total attempts, the first included (1-20)"),
        ("backoff", "delay before the second attempt, doubled each time (default 2s)"),
    ]

    public static let matrix: [(key: String, summary: String)] = [
        ("include", "extra combinations, or extra keys for matching ones"),
        ("exclude", "partial combinations to remove"),
    ]

    static func names(_ table: [(key: String, summary: String)]) -> [String] {
        table.map(\.key)
    }
}
