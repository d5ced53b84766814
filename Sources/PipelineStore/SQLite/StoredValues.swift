import Foundation
import GRDB

/// How the store writes and reads values that SQLite has no type for.
enum StoredValues {
    /// A date as REAL seconds since 1970.
    static func seconds(_ date: Date) -> Double { date.timeIntervalSince1970 }

    /// An optional date as REAL seconds since 1970, or NULL.
    static func seconds(_ date: Date?) -> Double? { date?.timeIntervalSince1970 }

    static func date(_ seconds: Double) -> Date { Date(timeIntervalSince1970: seconds) }

    static func date(_ seconds: Double?) -> Date? { seconds.map(Date.init(timeIntervalSince1970:)) }

    /// A string column decoded as an enum, failing with ``StateStoreError/invalidData(path:reason:)``.
    static func decode<E: RawRepresentable>(
        _ type: E.Type, _ raw: String, column: String, path: String
    ) throws -> E where E.RawValue == String {
        guard let value = E(rawValue: raw) else {
            throw StateStoreError.invalidData(path: path, reason: "unknown \(column) '\(raw)'")
        }
        return value
    }

    static func encodeFiles(_ files: [StoredFile]) -> String {
        StoredFilesJSON.encode(files)
    }

    static func decodeFiles(_ json: String, path: String) throws -> [StoredFile] {
        guard let files = StoredFilesJSON.decode(json) else {
            throw StateStoreError.invalidData(path: path, reason: "a cache entry's file list is not valid JSON")
        }
        return files
    }
}
