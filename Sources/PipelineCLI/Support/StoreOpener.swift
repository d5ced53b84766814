import Foundation
import PipelineEngine
import PipelineStore

/// Opens the state store a location names: the one place the CLI turns a `StateLocation` into a
/// store (SQLite or PostgreSQL).
enum StoreOpener {
    /// Opens (creating and migrating when needed) the store at `location`.
    static func open(_ location: StateLocation) async throws -> any StateStore {
        switch location {
        case .sqlite(let path):
            return try SQLiteStateStore(path: path)
        case .postgres:
            throw StoreOpenerError.postgresUnavailable(location.description)
        }
    }

    /// ``open(_:)`` for an engine command: a store that cannot be opened is an
    /// ``EngineError/store(_:)`` (reported with the engine's exit code).
    static func openForEngine(_ location: StateLocation) async throws -> any StateStore {
        do {
            return try await open(location)
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
