import Foundation
import SecretRedaction

/// Writes to standard output and standard error, unbuffered; a registered secret (the API key)
/// never gets through (see ``SecretRedactor``).
enum StandardStreams {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(SecretRedactor.shared.redact(text).utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data(SecretRedactor.shared.redact(text).utf8))
    }
}
