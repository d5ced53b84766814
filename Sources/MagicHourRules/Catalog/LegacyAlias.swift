/// A model name the API still accepts but routes to another model.
public struct LegacyAlias: Sendable, Hashable {
    /// The model the name is routed to.
    public var mapsTo: String
    /// How the mapping is known (e.g. "routed since 2026-08-10", "inferred").
    public var note: String

    public init(mapsTo: String, note: String) {
        self.mapsTo = mapsTo
        self.note = note
    }
}
