import Foundation

/// The engine's persistent state: runs, tasks, the cache, the paid-job journal and input
/// fingerprints.
///
/// Every method that changes state does so in one transaction, durable when it returns
/// (see ``SQLiteStateStore`` for what "durable" means there). Batched lookups accept any
/// number of keys. Implementations are safe to call from many tasks at once, and several
/// processes may share one store.
public protocol StateStore: Sendable {
    // MARK: Runs

    /// Stores a new run (normally with outcome `running`).
    /// - Throws: ``StateStoreError/duplicate(what:path:)`` if the id exists.
    func beginRun(_ run: RunRecord) async throws

    /// Records how a run ended and its totals.
    /// - Throws: ``StateStoreError/notFound(what:path:)`` if no run has that id.
    func finishRun(id: String, outcome: RunOutcome, finishedAt: Date, totals: RunTotals) async throws

    /// Marks every `running` run of `pipeline` as `interrupted` (finished at `at`), returning how many.
    ///
    /// Call it while holding the pipeline's ``RunLock``: a run still marked running then belongs
    /// to a process that died.
    func interruptRunningRuns(pipeline: String, at: Date) async throws -> Int

    /// Runs, newest first, of one pipeline or of all when `pipeline` is nil.
    func runs(pipeline: String?, limit: Int) async throws -> [RunRecord]

    /// The run with that id.
    func run(id: String) async throws -> RunRecord?

    /// The newest run of a pipeline.
    func latestRun(pipeline: String) async throws -> RunRecord?

    // MARK: Tasks

    /// Stores a task of a run, replacing the one with the same `(runID, taskID)`.
    func recordTask(_ task: TaskRecord) async throws

    /// Stores many task records in one transaction.
    func recordTasks(_ tasks: [TaskRecord]) async throws

    /// The tasks of a run, in task-id order.
    func tasks(runID: String) async throws -> [TaskRecord]

    // MARK: Cache

    /// The cache entry for a key.
    func cacheEntry(key: String) async throws -> CacheEntry?

    /// The cache entries for many keys at once; keys without an entry are absent.
    func cacheEntries(keys: [String]) async throws -> [String: CacheEntry]

    /// Stores a cache entry, replacing the one with the same key.
    func saveCacheEntry(_ entry: CacheEntry) async throws

    /// Stores many cache entries (replacing by key) in one transaction.
    func saveCacheEntries(_ entries: [CacheEntry]) async throws

    /// Deletes cache entries of `stage` (all stages when nil) and among `keys` (all keys when nil);
    /// returns how many were deleted.
    func forgetCacheEntries(stage: String?, keys: [String]?) async throws -> Int

    /// Every cache entry, ordered by key.
    func allCacheEntries() async throws -> [CacheEntry]

    // MARK: Paid jobs

    /// The journal entry for a key.
    func paidJob(key: String) async throws -> PaidJob?

    /// The journal entries for many keys at once; keys without one are absent.
    func paidJobs(keys: [String]) async throws -> [String: PaidJob]

    /// Records that a create call is about to be sent for `key`. Call it before the call.
    ///
    /// An existing entry in state `intent`, `failed` or `canceled` is replaced (a resubmission).
    /// An entry in state `submitted` or `complete` is replaced only when `replacingActive` is
    /// true (`--force`); otherwise this throws ``StateStoreError/paidJobConflict(key:state:projectID:path:)``
    /// so that a bug can never pay twice for one key.
    func recordIntent(key: String, taskID: String, runID: String, at: Date, replacingActive: Bool) async throws

    /// Records the project id and credits the create call answered with; durable on return.
    /// - Throws: ``StateStoreError/notFound(what:path:)`` if no intent exists for `key`.
    func recordSubmitted(key: String, projectID: String, credits: Int, at: Date) async throws

    /// Records a job's new state and the status/error last seen.
    /// - Throws: ``StateStoreError/notFound(what:path:)`` if no entry exists for `key`.
    func updatePaidJob(
        key: String, state: PaidJob.State, lastStatus: String?, lastError: String?, at: Date)
        async throws

    /// Every intent without a project id (see ``PaidJob/isUncertain``), oldest first.
    func uncertainPaidJobs() async throws -> [PaidJob]

    // MARK: Fingerprints

    /// Stored fingerprints for many paths at once; unknown paths are absent.
    func fingerprints(paths: [String]) async throws -> [String: FileFingerprint]

    /// Stores many fingerprints (replacing by path) in one transaction.
    func saveFingerprints(_ fingerprints: [FileFingerprint]) async throws
}
