/// Why a `pipeline schedule` command could not do its work.
enum ScheduleError: Error, CustomStringConvertible {
    /// No `crontab` program on PATH.
    case crontabNotInstalled
    /// `crontab` exited non-zero.
    case crontabFailed(arguments: String, status: Int32, message: String)
    /// A path that a crontab line cannot carry safely.
    case unsafePath(String, reason: String)
    case unknownTimeZone(variable: String, name: String)

    var description: String {
        switch self {
        case .crontabNotInstalled:
            "the crontab program is not installed (on Debian: apt-get install cron)"
        case .crontabFailed(let arguments, let status, let message):
            "crontab \(arguments) failed (exit \(status))" + (message.isEmpty ? "" : ": \(message)")
        case .unsafePath(let path, let reason):
            "cannot schedule '\(path)': \(reason)"
        case .unknownTimeZone(let variable, let name):
            "\(variable)=\(name) is not a time zone known to this system (use a name such as Europe/Berlin or UTC)"
        }
    }
}
