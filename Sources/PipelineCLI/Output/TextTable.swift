/// A plain-text table: a header row and aligned columns, numbers right-aligned.
struct TextTable {
    enum Alignment {
        case left, right
    }

    struct Column {
        var title: String
        var alignment: Alignment
    }

    var columns: [Column]
    var rows: [[String]] = []

    /// Columns titled `titles`; a title ending in `>` is right-aligned (the `>` is dropped).
    init(_ titles: String...) {
        columns = titles.map { title in
            title.hasSuffix(">")
                ? Column(title: String(title.dropLast()), alignment: .right) : Column(title: title, alignment: .left)
        }
    }

    mutating func add(_ cells: String...) {
        rows.append(cells)
    }

    mutating func add(_ cells: [String]) {
        rows.append(cells)
    }

    /// The table as lines separated by two spaces, trailing blanks trimmed, each cut to `width` characters.
    func render(width: Int? = nil) -> String {
        var widths = columns.map(\.title.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (index, column) in columns.enumerated() {
                let cell = index < cells.count ? cells[index] : ""
                let padding = String(repeating: " ", count: widths[index] - cell.count)
                parts.append(column.alignment == .right ? padding + cell : cell + padding)
            }
            var text = parts.joined(separator: "  ")
            while text.last == " " { text.removeLast() }
            if let width, text.count > width { text = String(text.prefix(max(1, width - 1))) + "…" }
            return text
        }
        return ([line(columns.map(\.title))] + rows.map(line)).joined(separator: "\n") + "\n"
    }
}
