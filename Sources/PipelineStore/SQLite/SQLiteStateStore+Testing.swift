extension SQLiteStateStore {
    /// Runs raw SQL in one transaction. Internal: for tests that need to fake states the public
    /// API cannot produce (a newer schema, a damaged row).
    func executeForTesting(_ sql: String) async throws {
        try await write { db in try db.execute(sql: sql) }
    }
}
