import Foundation

/// ISO 8601 timestamps as the API writes them, with or without fractional seconds.
enum ISODate {
    static func parse(_ text: String) -> Date? {
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) { return date }
        return try? Date.ISO8601FormatStyle().parse(text)
    }
}
