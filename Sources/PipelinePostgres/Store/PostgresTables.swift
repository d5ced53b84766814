/// The store's table names, qualified by its schema (a plain identifier, so never quoted).
struct PostgresTables: Sendable {
    let runs: String
    let tasks: String
    let cacheEntries: String
    let paidJobs: String
    let fingerprints: String
    let lockHolders: String
    let runWorkers: String
    let taskClaims: String
    let creditReservations: String
    let createSlots: String
    let upToDate: String

    init(schema: String) {
        runs = "\(schema).runs"
        tasks = "\(schema).tasks"
        cacheEntries = "\(schema).cache_entries"
        paidJobs = "\(schema).paid_jobs"
        fingerprints = "\(schema).file_fingerprints"
        lockHolders = "\(schema).run_lock_holders"
        runWorkers = "\(schema).run_workers"
        taskClaims = "\(schema).task_claims"
        creditReservations = "\(schema).credit_reservations"
        createSlots = "\(schema).create_slots"
        upToDate = "\(schema).up_to_date"
    }
}
