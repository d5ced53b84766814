/// A line of pieces, each with an optional colour, that can be cut to a width without cutting
/// an escape sequence in half.
struct StyledLine {
    private var pieces: [(text: String, color: TerminalStyle.Color?)] = []

    mutating func add(_ text: String, _ color: TerminalStyle.Color? = nil) {
        pieces.append((text, color))
    }

    /// Visible characters.
    var count: Int { pieces.reduce(0) { $0 + $1.text.count } }

    /// The line painted with `style`, cut to at most `width` visible characters (an ellipsis marks a cut).
    func render(_ style: TerminalStyle, width: Int) -> String {
        var out = ""
        var left = max(1, width)
        let cut = count > left
        if cut { left -= 1 }
        for piece in pieces where left > 0 {
            let text = piece.text.count <= left ? piece.text : String(piece.text.prefix(left))
            left -= text.count
            out += style.paint(text, piece.color)
        }
        return cut ? out + "…" : out
    }
}
