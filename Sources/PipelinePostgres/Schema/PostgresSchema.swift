/// The PostgreSQL store's schema and its migrations, in one PostgreSQL schema (``PostgresLocation/schema``)
/// so that the store can share a database. Migrations are never edited once released: a change
/// is a new migration appended to ``migrations``.
///
/// Values are stored as the SQLite store stores them, so both stores read back exactly what was
/// written: times as `double precision` seconds since 1970 (`to_timestamp(x)` reads them),
/// identifiers and keys as `text COLLATE "C"` (byte order, like SQLite's), counters as `bigint`.
enum PostgresSchema {
    /// One migration: its version and the statements it runs (one transaction).
    struct Migration: Sendable {
        let version: Int
        let name: String
        let statements: @Sendable (_ schema: String) -> [String]
    }

    /// Every migration, oldest first.
    static let migrations: [Migration] = [
        Migration(version: 1, name: "runs, tasks, cache, paid jobs, fingerprints, run-lock holders", statements: v1),
        Migration(version: 2, name: "workers sharing a run: their leases and the tasks' claims", statements: v2),
        Migration(version: 3, name: "fleet-wide limits: credit reservations and create slots", statements: v3),
        Migration(version: 4, name: "up-to-date records: what each pipeline's last complete run read", statements: v4),
    ]

    /// The schema version this build writes.
    static var version: Int { migrations.last?.version ?? 0 }

    /// The table that records applied migrations.
    static let versionTable = "pipeline_schema_version"

    /// v1: what the SQLite store has at its v3, plus `runs.seq` (insertion order, SQLite's rowid)
    /// and `run_lock_holders` (who holds each pipeline's advisory lock).
    @Sendable private static func v1(_ s: String) -> [String] {
        [
            """
            CREATE TABLE \(s).runs (
                id text COLLATE "C" PRIMARY KEY,
                seq bigserial NOT NULL,
                pipeline text COLLATE "C" NOT NULL,
                file text NOT NULL,
                started_at double precision NOT NULL,
                finished_at double precision,
                outcome text NOT NULL,
                credits_spent bigint NOT NULL DEFAULT 0,
                tasks_total bigint NOT NULL DEFAULT 0,
                tasks_succeeded bigint NOT NULL DEFAULT 0,
                tasks_cached bigint NOT NULL DEFAULT 0,
                tasks_failed bigint NOT NULL DEFAULT 0,
                tasks_skipped bigint NOT NULL DEFAULT 0,
                host text NOT NULL,
                pid integer NOT NULL,
                process_start_ticks bigint
            )
            """,
            "CREATE INDEX runs_by_pipeline ON \(s).runs (pipeline, started_at)",
            "CREATE INDEX runs_by_start ON \(s).runs (started_at)",
            "CREATE INDEX runs_running ON \(s).runs (outcome) WHERE outcome = 'running'",
            """
            CREATE TABLE \(s).tasks (
                run_id text COLLATE "C" NOT NULL REFERENCES \(s).runs (id) ON DELETE CASCADE,
                task_id text COLLATE "C" NOT NULL,
                stage text NOT NULL,
                cache_key text COLLATE "C" NOT NULL,
                status text NOT NULL,
                attempts bigint NOT NULL DEFAULT 0,
                queued_at double precision,
                started_at double precision,
                finished_at double precision,
                credits bigint NOT NULL DEFAULT 0,
                error text,
                detail text,
                phases text,
                PRIMARY KEY (run_id, task_id)
            )
            """,
            "CREATE INDEX tasks_by_cache_key ON \(s).tasks (cache_key)",
            """
            CREATE TABLE \(s).cache_entries (
                key text COLLATE "C" NOT NULL,
                location text COLLATE "C" NOT NULL,
                stage text COLLATE "C" NOT NULL,
                task_id text COLLATE "C" NOT NULL,
                stage_type text NOT NULL,
                outputs_json text NOT NULL,
                files_json text NOT NULL,
                run_id text NOT NULL,
                created_at double precision NOT NULL,
                PRIMARY KEY (key, location)
            )
            """,
            "CREATE INDEX cache_entries_by_stage ON \(s).cache_entries (stage)",
            "CREATE INDEX cache_entries_by_task ON \(s).cache_entries (task_id)",
            """
            CREATE TABLE \(s).paid_jobs (
                key text COLLATE "C" PRIMARY KEY,
                task_id text NOT NULL,
                run_id text COLLATE "C" NOT NULL,
                state text NOT NULL,
                project_id text COLLATE "C",
                credits bigint NOT NULL DEFAULT 0,
                intent_at double precision NOT NULL,
                updated_at double precision NOT NULL,
                last_status text,
                last_error text,
                owner_host text,
                owner_pid integer,
                owner_start_ticks bigint,
                estimated_credits bigint,
                final_credits bigint
            )
            """,
            "CREATE INDEX paid_jobs_by_state ON \(s).paid_jobs (state)",
            "CREATE INDEX paid_jobs_by_run ON \(s).paid_jobs (run_id)",
            "CREATE INDEX paid_jobs_by_project ON \(s).paid_jobs (project_id)",
            """
            CREATE TABLE \(s).file_fingerprints (
                path text COLLATE "C" PRIMARY KEY,
                size bigint NOT NULL,
                modified_ns bigint NOT NULL,
                inode bigint NOT NULL,
                sha256 text NOT NULL
            )
            """,
            """
            CREATE TABLE \(s).run_lock_holders (
                lock_key bigint PRIMARY KEY,
                pipeline text NOT NULL,
                host text NOT NULL,
                pid integer NOT NULL,
                started_at double precision NOT NULL,
                backend_pid integer NOT NULL
            )
            """,
        ]
    }

    /// v2: workers sharing a run (the SQLite store's `v5-workers`): each worker's lease on the run,
    /// and each task's claim (its holder, lease and fencing epoch).
    @Sendable private static func v2(_ s: String) -> [String] {
        [
            """
            CREATE TABLE \(s).run_workers (
                run_id text COLLATE "C" NOT NULL REFERENCES \(s).runs (id) ON DELETE CASCADE,
                host text NOT NULL,
                pid integer NOT NULL,
                start_ticks bigint,
                joined_at double precision NOT NULL,
                lease_until double precision NOT NULL,
                left_at double precision,
                PRIMARY KEY (run_id, host, pid)
            )
            """,
            """
            CREATE TABLE \(s).task_claims (
                run_id text COLLATE "C" NOT NULL REFERENCES \(s).runs (id) ON DELETE CASCADE,
                task_id text COLLATE "C" NOT NULL,
                host text NOT NULL,
                pid integer NOT NULL,
                start_ticks bigint,
                epoch bigint NOT NULL,
                lease_until double precision NOT NULL,
                final_status text,
                PRIMARY KEY (run_id, task_id)
            )
            """,
            "CREATE INDEX task_claims_by_holder ON \(s).task_claims (run_id, host, pid)",
        ]
    }

    /// v3: fleet-wide limits (the SQLite store's v4): credit reservations, one per paid create
    /// call, and the create calls in flight per scope.
    @Sendable private static func v3(_ s: String) -> [String] {
        [
            """
            CREATE TABLE \(s).credit_reservations (
                key text COLLATE "C" PRIMARY KEY,
                run_id text COLLATE "C" NOT NULL,
                pipeline text COLLATE "C" NOT NULL,
                account text COLLATE "C",
                amount bigint NOT NULL,
                state text NOT NULL,
                reserved_at double precision NOT NULL,
                settled_at double precision,
                owner_host text NOT NULL,
                owner_pid integer NOT NULL,
                owner_start_ticks bigint
            )
            """,
            "CREATE INDEX credit_reservations_by_run ON \(s).credit_reservations (run_id)",
            "CREATE INDEX credit_reservations_by_pipeline ON \(s).credit_reservations (pipeline, reserved_at)",
            "CREATE INDEX credit_reservations_by_account ON \(s).credit_reservations (account, reserved_at)",
            """
            CREATE TABLE \(s).create_slots (
                key text COLLATE "C" PRIMARY KEY,
                scope text COLLATE "C" NOT NULL,
                owner_host text NOT NULL,
                owner_pid integer NOT NULL,
                owner_start_ticks bigint,
                acquired_at double precision NOT NULL,
                expires_at double precision NOT NULL
            )
            """,
            "CREATE INDEX create_slots_by_scope ON \(s).create_slots (scope)",
        ]
    }

    /// v4: each pipeline's up-to-date record (the SQLite store's `v6-up-to-date`).
    @Sendable private static func v4(_ s: String) -> [String] {
        ["CREATE TABLE \(s).up_to_date (pipeline text COLLATE \"C\" PRIMARY KEY, record bytea NOT NULL)"]
    }
}
