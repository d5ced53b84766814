import Foundation
import SecretRedaction

/// Writes to standard output and standard error, unbuffered; a registered secret (the API key)
/// never gets through (see ``SecretRedactor``), and a lower layer's remedy is spelled as the flag
/// that applies it (see ``FlagHints``).
enum StandardStreams {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(printable(text).utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data(printable(text).utf8))
    }

    /// `text` as the CLI prints it: remedies spelled as flags, the API key redacted.
    static func printable(_ text: String) -> String {
        SecretRedactor.shared.redact(FlagHints.apply(text))
    }
}
