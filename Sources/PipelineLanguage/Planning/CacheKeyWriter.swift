/// Writes a task's cache key material as canonical JSON into reused byte buffers and hashes it:
/// the same text `Value.canonicalJSON` gives, without building mappings or strings per task.
struct CacheKeyWriter {
    /// What of a parameter's value enters the key.
    enum Keyed {
        /// The value itself.
        case value(Value)
        /// A local file, by the SHA-256 of its content (`missing` when it cannot be read).
        case content(sha256: String)
        /// A remote file, by its URL.
        case url(String)
        /// An upstream task's output, by that task's key (or id) and the output's name.
        case output(from: String, field: String)
        /// An upstream task's output, by that task's key as its hex (``output(from:field:)``
        /// without the string).
        case outputOfKey(Digest256, field: String)
    }

    /// The keyed values of the current task, one after another.
    private var values: [UInt8] = []
    /// Where each parameter's keyed value is in `values`, and whether it counts as an input.
    private var slots: [(range: Range<Int>, isInput: Bool)?] = []
    private var text: [UInt8] = []
    private static let materialPrefix = Array(#"{"parameters":{"#.utf8)
    /// The last inputs and parameters texts and their digests: tasks of a stage often share them.
    private var lastInputs: (text: [UInt8], digest: Digest256?) = ([], nil)
    private var lastParameters: (text: [UInt8], digest: Digest256?) = ([], nil)

    /// Forgets the previous task's values.
    mutating func begin(_ layout: CacheKeyLayout) {
        values.removeAll(keepingCapacity: true)
        slots.removeAll(keepingCapacity: true)
        slots.append(contentsOf: repeatElement(nil, count: layout.parameters.count))
    }

    /// Records the keyed value of the parameter at `position` in the layout.
    mutating func set(_ position: Int, _ keyed: Keyed, isInput: Bool) {
        let start = values.count
        switch keyed {
        case .value(let value):
            Self.append(value, to: &values)
        case .content(let digest):
            values.append(contentsOf: #"{"sha256":"#.utf8)
            Self.appendQuoted(digest, to: &values)
            values.append(UInt8(ascii: "}"))
        case .url(let url):
            values.append(contentsOf: #"{"url":"#.utf8)
            Self.appendQuoted(url, to: &values)
            values.append(UInt8(ascii: "}"))
        case .output(let from, let field):
            values.append(contentsOf: #"{"field":"#.utf8)
            Self.appendQuoted(field, to: &values)
            values.append(contentsOf: #","from":"#.utf8)
            Self.appendQuoted(from, to: &values)
            values.append(UInt8(ascii: "}"))
        case .outputOfKey(let key, let field):
            values.append(contentsOf: #"{"field":"#.utf8)
            Self.appendQuoted(field, to: &values)
            values.append(contentsOf: #","from":""#.utf8)
            key.appendHex(to: &values)
            values.append(contentsOf: #""}"#.utf8)
        }
        slots[position] = (start..<values.count, isInput)
    }

    /// The key of everything recorded, and the digests of the inputs and of the other parameters.
    mutating func finish(_ layout: CacheKeyLayout) -> TaskKeys {
        text.removeAll(keepingCapacity: true)
        text.append(contentsOf: Self.materialPrefix)
        var first = true
        for position in layout.sorted {
            guard let slot = slots[position] else { continue }
            appendEntry(layout.quotedNames[position], slot.range, first: &first)
        }
        text.append(contentsOf: layout.materialSuffix)
        let key = Digest256(of: text)

        text.removeAll(keepingCapacity: true)
        text.append(UInt8(ascii: "{"))
        first = true
        for position in layout.sorted {
            guard let slot = slots[position], slot.isInput else { continue }
            appendEntry(layout.quotedNames[position], slot.range, first: &first)
        }
        text.append(UInt8(ascii: "}"))
        let inputs = Self.digest(text, reusing: &lastInputs)

        text.removeAll(keepingCapacity: true)
        text.append(UInt8(ascii: "{"))
        first = true
        for entry in layout.others {
            switch entry {
            case .fixed(let fixed):
                if !first { text.append(UInt8(ascii: ",")) }
                first = false
                text.append(contentsOf: fixed)
            case .parameter(let position):
                guard let slot = slots[position], !slot.isInput else { continue }
                appendEntry(layout.quotedNames[position], slot.range, first: &first)
            }
        }
        text.append(UInt8(ascii: "}"))
        return TaskKeys(key: key, inputs: inputs, parameters: Self.digest(text, reusing: &lastParameters))
    }

    private mutating func appendEntry(_ quotedName: [UInt8], _ range: Range<Int>, first: inout Bool) {
        if !first { text.append(UInt8(ascii: ",")) }
        first = false
        text.append(contentsOf: quotedName)
        text.append(contentsOf: values[range])
    }

    /// The digest of `bytes`, taken from `last` when they are the same text.
    private static func digest(_ bytes: [UInt8], reusing last: inout (text: [UInt8], digest: Digest256?)) -> Digest256 {
        if let digest = last.digest, bytes == last.text { return digest }
        // Copied into the memo's own buffer, so `bytes` stays free to be reused in place.
        last.text.removeAll(keepingCapacity: true)
        last.text.append(contentsOf: bytes)
        let digest = Digest256(of: bytes)
        last.digest = digest
        return digest
    }

    /// Canonical JSON of `value`; strings and numbers directly, the rest through `Value`.
    private static func append(_ value: Value, to bytes: inout [UInt8]) {
        switch value {
        case .string(let text): appendQuoted(text, to: &bytes)
        case .number(let number): bytes.append(contentsOf: Value.format(number).utf8)
        default: bytes.append(contentsOf: value.canonicalJSON.utf8)
        }
    }

    /// A JSON string, escaped exactly as `Value` escapes it.
    private static func appendQuoted(_ text: String, to bytes: inout [UInt8]) {
        let isPlain = { (byte: UInt8) in byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") }
        let plain =
            text.utf8.withContiguousStorageIfAvailable { $0.allSatisfy(isPlain) } ?? text.utf8.allSatisfy(isPlain)
        if !plain {
            bytes.append(contentsOf: Value.jsonQuoted(text).utf8)
            return
        }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: text.utf8)
        bytes.append(UInt8(ascii: "\""))
    }
}
