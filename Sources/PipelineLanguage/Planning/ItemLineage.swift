/// The fields an item passes down a chain of stages unchanged: where it came from. Shared by
/// every task that descends from the same item.
final class ItemLineage: Sendable {
    let stem: Value?
    let name: Value?
    let fileExtension: Value?
    let index: Value?
    let source: Value?

    /// The fields, as `item.FIELD` names them.
    static let fieldNames = ["stem", "name", "extension", "index", "source"]

    init(stem: Value?, name: Value?, fileExtension: Value?, index: Value?, source: Value?) {
        self.stem = stem
        self.name = name
        self.fileExtension = fileExtension
        self.index = index
        self.source = source
    }

    /// The lineage a task starts from its item: a mapping's own fields, a plain value as its
    /// own text, or (without an item) `stem`.
    init(item: Value?, stem: String) {
        switch item {
        case .object(let fields)?:
            self.stem = fields["stem"]
            name = fields["name"]
            fileExtension = fields["extension"]
            index = fields["index"]
            source = fields["source"]
        case let value?:
            let text = Value.string(value.interpolated ?? value.display)
            self.stem = text
            name = text
            fileExtension = .string("")
            index = nil
            source = value
        case nil:
            self.stem = .string(stem)
            name = .string(stem)
            fileExtension = .string("")
            index = nil
            source = nil
        }
    }

    subscript(field: String) -> Value? {
        switch field {
        case "stem": stem
        case "name": name
        case "extension": fileExtension
        case "index": index
        case "source": source
        default: nil
        }
    }

    /// Adds the lineage fields that are set to `fields`.
    func write(into fields: inout [String: Value]) {
        if let stem { fields["stem"] = stem }
        if let name { fields["name"] = name }
        if let fileExtension { fields["extension"] = fileExtension }
        if let index { fields["index"] = index }
        if let source { fields["source"] = source }
    }
}
