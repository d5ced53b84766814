/// The shape of a stage type's cache key material, worked out once per stage: which parameters
/// enter it, and the order canonical JSON (sorted keys) writes them in. Fixed text is kept as
/// UTF-8 bytes, ready to copy.
struct CacheKeyLayout {
    /// An entry of the "other parameters" mapping: fixed text or a parameter.
    enum OtherEntry {
        /// `"$stage_type":"…"` or `"$version":N`.
        case fixed([UInt8])
        /// The parameter at this position of `parameters`.
        case parameter(Int)
    }

    /// A result-changing parameter.
    struct Parameter {
        var name: String
        /// A file: keyed by content or producer, and counted among the inputs.
        var isFile: Bool
    }

    /// The result-changing parameters, in declaration order (the order their values are keyed in).
    let parameters: [Parameter]
    /// `"name":` for each of `parameters`.
    let quotedNames: [[UInt8]]
    /// Positions in `parameters`, sorted by name.
    let sorted: [Int]
    /// The mapping of the stage type and the other parameters, sorted by key.
    let others: [OtherEntry]
    /// What follows the parameters in the key material: `},"stage_type":"…","version":N}`.
    let materialSuffix: [UInt8]

    init(type: StageType) {
        let parameters = type.parameters.filter(\.affectsResult).map { spec in
            let isFile = if case .file = spec.kind { true } else { false }
            return Parameter(name: spec.name, isFile: isFile)
        }
        self.parameters = parameters
        quotedNames = parameters.map { Array((Value.jsonQuoted($0.name) + ":").utf8) }
        sorted = parameters.indices.sorted { parameters[$0].name < parameters[$1].name }
        let typeName = Value.jsonQuoted(type.name)
        var keyed: [(key: String, entry: OtherEntry)] = [
            ("$stage_type", .fixed(Array(("\"$stage_type\":" + typeName).utf8))),
            ("$version", .fixed(Array("\"$version\":\(type.version)".utf8))),
        ]
        for (position, parameter) in parameters.enumerated() { keyed.append((parameter.name, .parameter(position))) }
        others = keyed.sorted { $0.key < $1.key }.map(\.entry)
        materialSuffix = Array(("},\"stage_type\":" + typeName + ",\"version\":\(type.version)}").utf8)
    }
}
