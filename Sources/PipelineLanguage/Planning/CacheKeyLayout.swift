/// The shape of a stage type's cache key material, worked out once per stage: which parameters
/// enter it, and the order canonical JSON (sorted keys) writes them in.
struct CacheKeyLayout {
    /// An entry of the "other parameters" mapping: fixed text or a parameter.
    enum OtherEntry {
        /// `"$stage_type":"…"` or `"$version":N`.
        case fixed(String)
        /// The parameter at this position of `parameters`.
        case parameter(Int)
    }

    /// The result-changing parameters, in declaration order (the order their values are keyed in).
    let parameters: [ParameterSpec]
    /// `"name":` for each of `parameters`.
    let quotedNames: [String]
    /// Positions in `parameters`, sorted by name.
    let sorted: [Int]
    /// The mapping of the stage type and the other parameters, sorted by key.
    let others: [OtherEntry]
    /// What follows the parameters in the key material: `},"stage_type":"…","version":N}`.
    let materialSuffix: String

    init(type: StageType) {
        let parameters = type.parameters.filter(\.affectsResult)
        self.parameters = parameters
        quotedNames = parameters.map { Value.jsonQuoted($0.name) + ":" }
        sorted = parameters.indices.sorted { parameters[$0].name < parameters[$1].name }
        let typeName = Value.jsonQuoted(type.name)
        var keyed: [(key: String, entry: OtherEntry)] = [
            ("$stage_type", .fixed("\"$stage_type\":" + typeName)), ("$version", .fixed("\"$version\":\(type.version)")),
        ]
        for (position, spec) in parameters.enumerated() { keyed.append((spec.name, .parameter(position))) }
        others = keyed.sorted { $0.key < $1.key }.map(\.entry)
        materialSuffix = "},\"stage_type\":" + typeName + ",\"version\":\(type.version)}"
    }
}
