/// ANSI colours for the live display, or none at all when `NO_COLOR` is set (https://no-color.org).
struct TerminalStyle: Sendable {
    enum Color: String, Sendable {
        case bold = "1"
        case dim = "2"
        case red = "31"
        case green = "32"
        case yellow = "33"
        case cyan = "36"
    }

    /// Whether colours are written.
    let colors: Bool

    /// Colours unless the environment's `NO_COLOR` is set to anything non-empty.
    init(environment: [String: String]) {
        colors = (environment["NO_COLOR"] ?? "").isEmpty
    }

    init(colors: Bool) {
        self.colors = colors
    }

    /// `text` in `color` (unchanged without colours).
    func paint(_ text: String, _ color: Color?) -> String {
        guard colors, let color, !text.isEmpty else { return text }
        return "\u{1B}[\(color.rawValue)m\(text)\u{1B}[0m"
    }
}
