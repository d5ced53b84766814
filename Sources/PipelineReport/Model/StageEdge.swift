/// An edge of the stage graph: `to` runs after (or for each task of) `from`.
package struct StageEdge: Sendable, Equatable, Hashable {
    /// How the downstream stage depends on the upstream one.
    package enum Kind: String, Sendable {
        /// `for_each: ${{ stages.FROM }}`: linked task to task.
        case forEach = "for_each"
        /// `needs: [FROM]`: waits for the whole stage.
        case needs
    }

    /// The upstream stage.
    package var from: String
    /// The downstream stage.
    package var to: String
    /// How they are linked.
    package var kind: Kind

    /// Creates an edge.
    package init(from: String, to: String, kind: Kind) {
        self.from = from
        self.to = to
        self.kind = kind
    }
}
