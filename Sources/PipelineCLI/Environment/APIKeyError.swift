/// Why `MAGIC_HOUR_API_KEY` was refused. Messages say where the key came from and what is wrong
/// with it, never any of its characters.
enum APIKeyError: Error, CustomStringConvertible {
    /// A space or control character between the key's first and last character: trimming cannot
    /// tell which part is the key, so nothing is sent.
    case innerCharacter(source: String, position: Int, length: Int, kind: String)

    var description: String {
        switch self {
        case .innerCharacter(let source, let position, let length, let kind):
            "MAGIC_HOUR_API_KEY (from \(source)) has \(kind) inside it (character \(position) of \(length)); "
                + "an API key has none: copy it again from the Magic Hour dashboard "
                + "(spaces and line breaks at its ends are ignored)"
        }
    }
}
