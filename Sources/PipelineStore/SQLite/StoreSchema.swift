import GRDB

/// The state store's schema and its migrations. Migrations are never edited once released:
/// a change is a new migration appended below.
enum StoreSchema {
    /// The schema version this build writes (the number of migrations).
    static let version = 6

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1", migrate: v1)
        migrator.registerMigration("v2", migrate: v2)
        migrator.registerMigration("v3", migrate: v3)
        migrator.registerMigration("v4", migrate: v4)
        migrator.registerMigration("v5-workers", migrate: v5Workers)
        migrator.registerMigration("v6-up-to-date", migrate: v6UpToDate)
        return migrator
    }

    /// v1: runs, tasks, cache entries, the paid-job journal and input fingerprints.
    /// Times are REAL seconds since 1970 (`datetime(x, 'unixepoch')` reads them).
    private static func v1(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE runs (
                    id TEXT PRIMARY KEY NOT NULL,
                    pipeline TEXT NOT NULL,
                    file TEXT NOT NULL,
                    started_at REAL NOT NULL,
                    finished_at REAL,
                    outcome TEXT NOT NULL,
                    credits_spent INTEGER NOT NULL DEFAULT 0,
                    tasks_total INTEGER NOT NULL DEFAULT 0,
                    tasks_succeeded INTEGER NOT NULL DEFAULT 0,
                    tasks_cached INTEGER NOT NULL DEFAULT 0,
                    tasks_failed INTEGER NOT NULL DEFAULT 0,
                    tasks_skipped INTEGER NOT NULL DEFAULT 0,
                    host TEXT NOT NULL,
                    pid INTEGER NOT NULL
                );
                CREATE INDEX runs_by_pipeline ON runs(pipeline, started_at);
                CREATE INDEX runs_by_start ON runs(started_at);

                CREATE TABLE tasks (
                    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    task_id TEXT NOT NULL,
                    stage TEXT NOT NULL,
                    cache_key TEXT NOT NULL,
                    status TEXT NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    queued_at REAL,
                    started_at REAL,
                    finished_at REAL,
                    credits INTEGER NOT NULL DEFAULT 0,
                    error TEXT,
                    detail TEXT,
                    PRIMARY KEY (run_id, task_id)
                ) WITHOUT ROWID;
                CREATE INDEX tasks_by_cache_key ON tasks(cache_key);

                CREATE TABLE cache_entries (
                    key TEXT PRIMARY KEY NOT NULL,
                    stage TEXT NOT NULL,
                    task_id TEXT NOT NULL,
                    stage_type TEXT NOT NULL,
                    outputs_json TEXT NOT NULL,
                    files_json TEXT NOT NULL,
                    run_id TEXT NOT NULL,
                    created_at REAL NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX cache_entries_by_stage ON cache_entries(stage);

                CREATE TABLE paid_jobs (
                    key TEXT PRIMARY KEY NOT NULL,
                    task_id TEXT NOT NULL,
                    run_id TEXT NOT NULL,
                    state TEXT NOT NULL,
                    project_id TEXT,
                    credits INTEGER NOT NULL DEFAULT 0,
                    intent_at REAL NOT NULL,
                    updated_at REAL NOT NULL,
                    last_status TEXT,
                    last_error TEXT
                ) WITHOUT ROWID;
                CREATE INDEX paid_jobs_by_state ON paid_jobs(state);

                CREATE TABLE file_fingerprints (
                    path TEXT PRIMARY KEY NOT NULL,
                    size INTEGER NOT NULL,
                    modified_ns INTEGER NOT NULL,
                    inode INTEGER NOT NULL,
                    sha256 TEXT NOT NULL
                ) WITHOUT ROWID;

                PRAGMA user_version = 1;
                """)
    }

    /// v2: each task's phases (waiting, uploading, rendering, downloading…) as a JSON array of
    /// `{"phase": name, "at": seconds since 1970}`, read by reports for the timeline.
    private static func v2(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE tasks ADD COLUMN phases TEXT;
                PRAGMA user_version = 2;
                """)
    }

    /// v3: claims and locations.
    /// - `paid_jobs.owner_*`: the process that holds a claim (host, pid, start tick), so another
    ///   run can tell a create call under way (wait) from one whose process died (uncertain).
    /// - `paid_jobs.estimated_credits`, `final_credits`: the plan's estimate (null when unpriced)
    ///   and the credits the project finally cost (0 when refunded), beside the create answer's
    ///   `credits`.
    /// - `runs.process_start_ticks`: the same for a run row, so a later command can close a run
    ///   whose process died as `crashed`.
    /// - `cache_entries` keyed by `(key, location)`: a task's entry counts only where its plan
    ///   puts the files. Existing entries take the location of their first file.
    private static func v3(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE paid_jobs ADD COLUMN owner_host TEXT;
                ALTER TABLE paid_jobs ADD COLUMN owner_pid INTEGER;
                ALTER TABLE paid_jobs ADD COLUMN owner_start_ticks INTEGER;
                ALTER TABLE paid_jobs ADD COLUMN estimated_credits INTEGER;
                ALTER TABLE paid_jobs ADD COLUMN final_credits INTEGER;
                ALTER TABLE runs ADD COLUMN process_start_ticks INTEGER;
                CREATE INDEX paid_jobs_by_run ON paid_jobs(run_id);

                CREATE TABLE cache_entries_v3 (
                    key TEXT NOT NULL,
                    location TEXT NOT NULL,
                    stage TEXT NOT NULL,
                    task_id TEXT NOT NULL,
                    stage_type TEXT NOT NULL,
                    outputs_json TEXT NOT NULL,
                    files_json TEXT NOT NULL,
                    run_id TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    PRIMARY KEY (key, location)
                ) WITHOUT ROWID;
                INSERT INTO cache_entries_v3
                    (key, location, stage, task_id, stage_type, outputs_json, files_json, run_id, created_at)
                    SELECT key, COALESCE(json_extract(files_json, '$[0].path'), ''), stage, task_id, stage_type,
                        outputs_json, files_json, run_id, created_at
                    FROM cache_entries;
                DROP TABLE cache_entries;
                ALTER TABLE cache_entries_v3 RENAME TO cache_entries;
                CREATE INDEX cache_entries_by_stage ON cache_entries(stage);
                CREATE INDEX cache_entries_by_task ON cache_entries(task_id);

                PRAGMA user_version = 3;
                """)
    }

    /// v4: fleet-wide limits.
    /// - `credit_reservations`: one row per paid create call, its credits reserved before the call
    ///   (`state` `reserved`) and settled to the answer's charge (`settled`); deleted when released.
    ///   Tagged with the run, pipeline and account it counts for; `reserved_at` places it in a UTC
    ///   day and month.
    /// - `create_slots`: the create calls in flight per scope (account), each with its holder and
    ///   an expiry.
    private static func v4(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE credit_reservations (
                    key TEXT PRIMARY KEY NOT NULL,
                    run_id TEXT NOT NULL,
                    pipeline TEXT NOT NULL,
                    account TEXT,
                    amount INTEGER NOT NULL,
                    state TEXT NOT NULL,
                    reserved_at REAL NOT NULL,
                    settled_at REAL,
                    owner_host TEXT NOT NULL,
                    owner_pid INTEGER NOT NULL,
                    owner_start_ticks INTEGER
                ) WITHOUT ROWID;
                CREATE INDEX credit_reservations_by_run ON credit_reservations(run_id);
                CREATE INDEX credit_reservations_by_pipeline ON credit_reservations(pipeline, reserved_at);
                CREATE INDEX credit_reservations_by_account ON credit_reservations(account, reserved_at);

                CREATE TABLE create_slots (
                    key TEXT PRIMARY KEY NOT NULL,
                    scope TEXT NOT NULL,
                    owner_host TEXT NOT NULL,
                    owner_pid INTEGER NOT NULL,
                    owner_start_ticks INTEGER,
                    acquired_at REAL NOT NULL,
                    expires_at REAL NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX create_slots_by_scope ON create_slots(scope);

                PRAGMA user_version = 4;
                """)
    }

    /// Workers sharing a run: each worker's lease on the run, and each task's claim (its
    /// holder, lease and fencing epoch).
    private static func v5Workers(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE run_workers (
                    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    host TEXT NOT NULL,
                    pid INTEGER NOT NULL,
                    start_ticks INTEGER,
                    joined_at REAL NOT NULL,
                    lease_until REAL NOT NULL,
                    left_at REAL,
                    PRIMARY KEY (run_id, host, pid)
                ) WITHOUT ROWID;

                CREATE TABLE task_claims (
                    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    task_id TEXT NOT NULL,
                    host TEXT NOT NULL,
                    pid INTEGER NOT NULL,
                    start_ticks INTEGER,
                    epoch INTEGER NOT NULL,
                    lease_until REAL NOT NULL,
                    final_status TEXT,
                    PRIMARY KEY (run_id, task_id)
                ) WITHOUT ROWID;
                CREATE INDEX task_claims_by_holder ON task_claims(run_id, host, pid);
                PRAGMA user_version = 5;
                """)
    }

    /// Each pipeline's up-to-date record: what its last complete run read and wrote, so that a
    /// run finding all of it unchanged does nothing without planning.
    private static func v6UpToDate(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE up_to_date (
                    pipeline TEXT PRIMARY KEY NOT NULL,
                    record BLOB NOT NULL
                ) WITHOUT ROWID;
                PRAGMA user_version = 6;
                """)
    }
}
