import Foundation
import Testing

/// The state stores the shared suite runs against.
enum StoreKind: String, Sendable, CaseIterable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    /// Every kind, PostgreSQL left out only when `PIPELINE_TEST_POSTGRES=skip`.
    static var underTest: [StoreKind] {
        PostgresTestServer.skipped ? [.sqlite] : allCases
    }
}
