import Foundation

/// The time zone `pipeline schedule` computes run times in.
enum CronTimeZone {
    /// The zone named by `CRON_TZ`, else by `TZ`, else the system's. An unknown `CRON_TZ` is an
    /// error; an unknown `TZ` falls back to the system's zone, as the C library does.
    static func resolve(environment: [String: String]) throws(ScheduleError) -> TimeZone {
        if let name = environment["CRON_TZ"], !name.isEmpty {
            guard let zone = named(name) else { throw .unknownTimeZone(variable: "CRON_TZ", name: name) }
            return zone
        }
        if let name = environment["TZ"], !name.isEmpty, let zone = named(name) { return zone }
        return TimeZone.current
    }

    /// `Europe/Berlin`, `:Europe/Berlin` or `/usr/share/zoneinfo/Europe/Berlin`.
    static func named(_ name: String) -> TimeZone? {
        var identifier = name.hasPrefix(":") ? String(name.dropFirst()) : name
        if let range = identifier.range(of: "/zoneinfo/") { identifier = String(identifier[range.upperBound...]) }
        return TimeZone(identifier: identifier)
    }
}
