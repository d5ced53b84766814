import Foundation

/// The engine's persistent state: runs, tasks, the cache, the paid-job journal and input
/// fingerprints.
///
/// Every method that changes state does so in one transaction, durable when it returns
/// (see ``SQLiteStateStore`` for what "durable" means there). Batched lookups accept any
/// number of keys. Implementations are safe to call from many tasks at once, and several
/// processes may share one store.
public protocol StateStore: Sendable {
    /// Closes the store (its file or its connections); later calls fail.
    func close() throws

    // MARK: Run lock

    /// Takes `pipeline`'s run lock for this store: at once when `waitingUpTo` is nil, else waiting
    /// up to that long for the holder to finish. A store's lock binds every process that opens
    /// the same store, whatever path or connection string it used.
    /// - Throws: ``RunLockError/held(holder:path:)`` or ``RunLockError/timedOut(holder:path:)``
    ///   naming the holder; other ``RunLockError``s when the lock cannot be taken at all.
    /// `shared` takes it in shared mode: the workers of one run (``joinWorkerRun(_:worker:lease:at:)``)
    /// hold it together, and an ordinary run, which takes it exclusively, waits for them all.
    func lockRun(pipeline: String, waitingUpTo: Duration?, shared: Bool) async throws -> any RunLocking

    // MARK: Runs

    /// Stores a new run (normally with outcome `running`).
    /// - Throws: ``StateStoreError/duplicate(what:path:)`` if the id exists.
    func beginRun(_ run: RunRecord) async throws

    /// Records how a run ended and its totals.
    /// - Throws: ``StateStoreError/notFound(what:path:)`` if no run has that id.
    func finishRun(id: String, outcome: RunOutcome, finishedAt: Date, totals: RunTotals) async throws

    /// Closes, as `crashed`, every `running` run whose process is gone: `pipeline`'s runs all
    /// (call it with `pipeline` while holding that pipeline's ``RunLock``: a run still marked
    /// running then belongs to a process that died), or, with `pipeline` nil, those whose
    /// ``ProcessIdentity/liveness`` is `.gone`. Each is closed with the credits its paid jobs
    /// recorded and the counts of its task rows. Returns the runs closed.
    func closeAbandonedRuns(pipeline: String?, at: Date) async throws -> [RunRecord]

    /// Credits charged by the remote API for the paid jobs `runID` created (projects that exist
    /// or existed; refunded failures excluded), as the ledger recorded them.
    func creditsCharged(runID: String) async throws -> Int

    /// Deletes the oldest finished runs (and their task rows) of `pipeline` (of every pipeline
    /// when nil), keeping the newest `keep` of each pipeline; returns how many runs were deleted.
    /// Running runs are never deleted. The cache and the paid-job ledger are untouched.
    func pruneRuns(pipeline: String?, keep: Int) async throws -> Int

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

    /// The cache entries for many keys at once, every location of each; keys without an entry
    /// are absent.
    func cacheEntries(keys: [String]) async throws -> [String: [CacheEntry]]

    /// Stores a cache entry, replacing the one with the same key and location.
    func saveCacheEntry(_ entry: CacheEntry) async throws

    /// Stores many cache entries (replacing by key and location) in one transaction.
    func saveCacheEntries(_ entries: [CacheEntry]) async throws

    /// Deletes cache entries of `stage` (all stages when nil) and among `keys` (all keys when nil);
    /// returns how many were deleted.
    func forgetCacheEntries(stage: String?, keys: [String]?) async throws -> Int

    /// Every cache entry, ordered by key and location.
    func allCacheEntries() async throws -> [CacheEntry]

    // MARK: Paid jobs

    /// The journal entry for a key.
    func paidJob(key: String) async throws -> PaidJob?

    /// The journal entries for many keys at once; keys without one are absent.
    func paidJobs(keys: [String]) async throws -> [String: PaidJob]

    /// Claims the paid job for `key` before its create call, atomically (recording the plan's
    /// `estimate` of its credits, nil when unpriced): one transaction looks
    /// for an existing job and, only when there is none the caller must respect, records an
    /// intent in the caller's name. Two runs (of one pipeline or two, through any path to the
    /// same store) can therefore never both be told ``PaidJobClaim/claimed`` for one key.
    ///
    /// - A `failed`, `canceled` or `gone` job (nothing exists remotely to resume) is claimed anew.
    /// - A `submitted` or `complete` job is ``PaidJobClaim/existing(_:)``; unless it was recorded
    ///   before `replacingJobsBefore` (`--force`: pay again for work done before this run
    ///   started) by another run that is no longer at work, in which case it is claimed anew.
    /// - An `intent` whose owner is another live run is ``PaidJobClaim/heldByOtherRun(_:)``.
    /// - Any other `intent` (its owner gone, or this run's own) is ``PaidJobClaim/uncertain(_:)``,
    ///   unless `resubmittingUncertain` (`--resubmit-uncertain`) claims it anew.
    func claimPaidJob(
        key: String, taskID: String, runID: String, owner: ProcessIdentity, estimate: Int?, at: Date,
        replacingJobsBefore: Date?, resubmittingUncertain: Bool
    ) async throws -> PaidJobClaim

    /// Records a job's final state, the status/error last seen and, in the same write, what its
    /// project finally cost (its `credits_charged` when it completed, 0 when it failed and was
    /// refunded; `nil` leaves the cost as it was).
    /// - Throws: ``StateStoreError/notFound(what:path:)`` if no entry exists for `key`.
    func finishPaidJob(
        key: String, state: PaidJob.State, lastStatus: String?, lastError: String?, finalCredits: Int?, at: Date)
        async throws

    /// Records the project id and credits the create call answered with; durable on return.
    /// - Throws: ``StateStoreError/notFound(what:path:)`` if no intent exists for `key`.
    func recordSubmitted(key: String, projectID: String, credits: Int, at: Date) async throws

    /// Marks every job that recorded `projectID` as `gone` (the API answered 404 for it) and
    /// deletes the cache entries of those keys; returns the keys marked.
    func markProjectGone(projectID: String, error: String, at: Date) async throws -> [String]

    /// Every intent without a project id (see ``PaidJob/isUncertain``), oldest first.
    func uncertainPaidJobs() async throws -> [PaidJob]

    // MARK: Workers (processes, on one machine or several, sharing one run)

    /// Joins `run.pipeline`'s shared run, or begins `run` as it when there is none, in one
    /// transaction: the newest `running` run of the pipeline that has a worker whose lease has
    /// not ended is joined; running runs of the pipeline without one are closed as `crashed`
    /// first (as ``closeAbandonedRuns(pipeline:at:)`` closes them). The worker is registered with
    /// a lease of `lease` seconds from `at`. Call it holding the pipeline's lock in shared mode.
    func joinWorkerRun(_ run: RunRecord, worker: ProcessIdentity, lease: Double, at: Date) async throws -> WorkerJoin

    /// Claims one task of a shared run for `worker`, in one transaction: a task nobody claimed, or
    /// whose holder's lease ended (or that `worker` itself holds), is ``TaskClaim/claimed(_:)``
    /// with a lease of `lease` seconds and an epoch one above the last; a task another worker holds
    /// is ``TaskClaim/held(by:until:)``; a task a worker finished is ``TaskClaim/finished(_:)``.
    func claimTask(
        runID: String, taskID: String, worker: ProcessIdentity, lease: Double, at: Date
    ) async throws
        -> TaskClaim

    /// Extends `worker`'s lease on the run and on every task it holds to `lease` seconds from `at`;
    /// returns the ids of the tasks it still holds (a task missing from the answer was taken over).
    func renewWorkerLease(runID: String, worker: ProcessIdentity, lease: Double, at: Date) async throws -> Set<String>

    /// ``recordTask(_:)`` for a claimed task: written only while `fence` is the task's newest claim,
    /// else ``StateStoreError/fenced(taskID:path:)``. A final status (not `running`) also marks the
    /// claim finished, so no worker claims the task again in this run.
    func recordTask(_ task: TaskRecord, fence: TaskFence) async throws

    /// ``saveCacheEntry(_:)`` for a claimed task, fenced like ``recordTask(_:fence:)``; it also marks
    /// the claim finished as succeeded (the result is on record, whatever befalls the worker next).
    func saveCacheEntry(_ entry: CacheEntry, fence: TaskFence) async throws

    /// `worker` leaves the run (its claims not finished are released at once). When no other
    /// worker's lease is live, the run is closed in the same transaction: its outcome the worst
    /// of `outcome` and its task rows', its totals from its task rows (tasks without a row were
    /// cached) and its credits from the ledger; the closed run is returned. Otherwise nil.
    func leaveWorkerRun(
        runID: String, worker: ProcessIdentity, outcome: RunOutcome, at: Date
    ) async throws
        -> RunRecord?

    // MARK: Credits and create slots (fleet-wide limits)

    /// Reserves `amount` credits (≥ 0) under `key` before a create call, atomically against every
    /// limit. In one transaction that no other writer of the store can interleave with (SQLite:
    /// `BEGIN IMMEDIATE`; another store must serialize reservations of the same scopes, e.g. by
    /// locking one row per scope), for each limit in the order given:
    ///
    /// - `used` is the sum of the amounts of every reservation, settled or not (released ones are
    ///   gone), whose tag equals the limit's scope (``CreditSpender/runID`` for ``CreditScope/run(_:)``,
    ///   ``CreditSpender/pipeline`` for ``CreditScope/pipeline(_:)``, ``CreditSpender/account`` for
    ///   ``CreditScope/account(_:)``) and whose reservation instant lies in
    ///   `limit.period.window(containing: at)` (any instant for ``CreditPeriod/unbounded``);
    /// - if `used + amount > limit.credits`, nothing is written and the answer is
    ///   ``CreditReservation/refused(_:)`` with that limit and its window's settled (`spent`) and
    ///   unsettled (`reserved`) sums, before `amount`.
    ///
    /// When every limit has room, the reservation is recorded (key, amount, the spender's run,
    /// pipeline, account and owner, instant `at`, unsettled) and the answer is
    /// ``CreditReservation/reserved``. A reservation counts in the windows of the instant it was
    /// made, whenever it is settled. An unsettled reservation whose owner died keeps counting (its
    /// create call may have been charged) until someone settles or releases it.
    ///
    /// - Parameter key: Unique per create call (a reservation is never reused or replaced).
    /// - Throws: ``StateStoreError/duplicate(what:path:)`` if a reservation has that key.
    func reserveCredits(
        key: String, amount: Int, spender: CreditSpender, limits: [CreditLimit], at: Date
    ) async throws -> CreditReservation

    /// Settles reservation `key` to `amount`: what the create call answered it charged (or, later,
    /// the project's final figure), more or less than was reserved. Never refused: a charge is a
    /// fact; the reservation simply counts `amount` from now on (in the windows of the instant it
    /// was reserved), and later reservations see it. Settling again replaces the amount.
    /// - Throws: ``StateStoreError/notFound(what:path:)`` if no reservation has that key.
    func settleCredits(key: String, amount: Int, at: Date) async throws

    /// Releases reservation `key` (deletes it: it counts nowhere any more): its create call proved
    /// that nothing was charged, or its project failed and was refunded. Releasing a key that does
    /// not exist (already released) does nothing.
    func releaseCredits(key: String, at: Date) async throws

    /// Each limit's window containing `at`, summed as ``reserveCredits(key:amount:spender:limits:at:)``
    /// sums it, in the order given. Writes nothing.
    func creditUsage(limits: [CreditLimit], at: Date) async throws -> [CreditUsage]

    /// Takes a place among the create calls in flight of `slot.scope`. In one transaction (as
    /// ``reserveCredits(key:amount:spender:limits:at:)``): every slot of the scope that expired
    /// (`expiresAt <= at`) or whose holder's ``ProcessIdentity/liveness`` is `.gone` is deleted;
    /// then, if fewer than `limit` slots of the scope remain (a slot already held under
    /// `slot.key` is replaced, not counted), `slot` is recorded and the answer is true; otherwise
    /// nothing is recorded and the answer is false (the caller waits and tries again).
    func acquireCreateSlot(_ slot: CreateSlot, limit: Int, at: Date) async throws -> Bool

    /// Frees the create slot `key`. Freeing a slot that does not exist (expired and taken from a
    /// dead holder) does nothing.
    func releaseCreateSlot(key: String) async throws

    // MARK: Fingerprints

    /// Stored fingerprints for many paths at once; unknown paths are absent.
    func fingerprints(paths: [String]) async throws -> [String: FileFingerprint]

    /// Stores many fingerprints (replacing by path) in one transaction.
    func saveFingerprints(_ fingerprints: [FileFingerprint]) async throws

    // MARK: Up-to-date records

    /// The record `pipeline`'s last complete run left (the engine's encoding, opaque here), if any.
    func upToDateRecord(pipeline: String) async throws -> Data?

    /// Replaces `pipeline`'s up-to-date record, or removes it (`nil`). Every removal of cache
    /// entries (``forgetCacheEntries(stage:keys:)``, ``markProjectGone(projectID:error:at:)``)
    /// removes every pipeline's record in the same transaction: a record vouches for cached work.
    func saveUpToDateRecord(pipeline: String, _ record: Data?) async throws
}
