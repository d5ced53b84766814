import Foundation
import SecretRedaction

/// Reads `MAGIC_HOUR_API_KEY` and checks it before any request is made.
///
/// CI secrets and env files often end the key with a newline or a carriage return; an HTTP stack
/// refuses such a header value and quotes it, key and all, in its error. So spaces and control
/// characters at the ends are trimmed, one inside the key is refused (with a message that never
/// shows the key), and both the value as given and the trimmed key are registered with
/// ``SecretRedactor/shared`` the moment they are read, so no error text can carry them.
enum APIKey {
    static let variable = "MAGIC_HOUR_API_KEY"

    /// The trimmed key, or `nil` when it is unset or blank.
    /// - Parameters:
    ///   - variables: The merged environment (process environment and env file).
    ///   - processEnvironment: The process environment alone, to say where a bad key came from.
    /// - Throws: ``APIKeyError`` for a space or control character inside the key.
    static func read(
        from variables: [String: String], processEnvironment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(APIKeyError) -> String? {
        guard let raw = variables[variable] else { return nil }
        SecretRedactor.shared.register(raw)
        let scalars = Array(raw.unicodeScalars)
        guard let first = scalars.firstIndex(where: { !isSpaceOrControl($0) }),
            let last = scalars.lastIndex(where: { !isSpaceOrControl($0) })
        else { return nil }
        if let inner = scalars[first...last].firstIndex(where: isSpaceOrControl) {
            let source = processEnvironment[variable]?.isEmpty == false ? "the environment" : "the env file"
            throw .innerCharacter(
                source: source, position: inner - first + 1, length: last - first + 1,
                kind: describe(scalars[inner]))
        }
        var key = String.UnicodeScalarView()
        key.append(contentsOf: scalars[first...last])
        let trimmed = String(key)
        SecretRedactor.shared.register(trimmed)
        return trimmed
    }

    /// For commands: the key, or the error printed to standard error and exit code 2.
    static func forCommand(from variables: [String: String]) throws -> String? {
        do {
            return try read(from: variables)
        } catch {
            StandardStreams.error("error: \(error)\n")
            throw PipelineExitCode.invalidFile
        }
    }

    private static func isSpaceOrControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar.properties.generalCategory == .control
            || scalar.properties.generalCategory == .format
    }

    /// A name for the offending character, never the character itself.
    private static func describe(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case " ": "a space"
        case "\t": "a tab"
        case "\n": "a line feed"
        case "\r": "a carriage return"
        default:
            scalar.properties.isWhitespace
                ? "a space character (U+\(String(scalar.value, radix: 16, uppercase: true)))"
                : "a control character (U+\(String(scalar.value, radix: 16, uppercase: true)))"
        }
    }
}
