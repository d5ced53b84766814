import Foundation
import PipelineEngine
import PipelinePostgres
import PipelineStore

/// Opens the state store a location names: the one place the CLI turns a `StateLocation` into a
/// store (SQLite or PostgreSQL).
enum StoreOpener {
    /// Opens (creating and migrating when needed) the store at `location`; a PostgreSQL password
    /// not in the connection string comes from `PGPASSWORD` in `environment` (the process's, with
    /// the env file's variables).
    static func open(
        _ location: StateLocation, environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws -> any StateStore {
        switch location {
        case .sqlite(let path):
            return try SQLiteStateStore(path: path)
        case .postgres(let url):
            return try await PostgresStateStore(url, environment: environment)
        }
    }

    /// ``open(_:)`` for an engine command: a store that cannot be opened is an
    /// ``EngineError/store(_:)`` (reported with the engine's exit code).
    static func openForEngine(
        _ location: StateLocation, environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws -> any StateStore {
        do {
            return try await open(location, environment: environment)
        } catch {
            throw EngineError.store(String(describing: error))
        }
    }

    /// Whether something has run against `location` yet (a history command never creates a store).
    static func exists(_ location: StateLocation) -> Bool {
        switch location {
        case .sqlite(let path): return FileManager.default.fileExists(atPath: path)
        case .postgres: return true
        }
    }
}
