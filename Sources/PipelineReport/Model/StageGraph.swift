import PipelineLanguage

/// The stage graph a pipeline file declares: stages with their types, and for_each/needs edges.
package struct StageGraph: Sendable, Equatable {
    /// A stage of the file.
    package struct Node: Sendable, Equatable {
        /// The stage's name.
        package var name: String
        /// Its stage type (`uses:`).
        package var typeName: String

        /// Creates a node.
        package init(name: String, typeName: String) {
            self.name = name
            self.typeName = typeName
        }
    }

    /// Stages in execution order.
    package var nodes: [Node]
    /// Edges, upstream to downstream.
    package var edges: [StageEdge]

    /// Creates a graph.
    package init(nodes: [Node], edges: [StageEdge]) {
        self.nodes = nodes
        self.edges = edges
    }

    /// The graph of a plan, with the edges `pipeline graph` draws.
    package init(plan: Plan) {
        nodes = plan.stages.map { Node(name: $0.name, typeName: $0.typeName) }
        var edges: [StageEdge] = []
        for stage in plan.pipeline.stages {
            if case .stage(let upstream, _) = stage.forEach {
                edges.append(StageEdge(from: upstream, to: stage.name, kind: .forEach))
            }
            for need in stage.needs { edges.append(StageEdge(from: need.name, to: stage.name, kind: .needs)) }
        }
        self.edges = edges
    }

    /// Each stage's depth: the number of edges on the longest path from a stage without upstream
    /// stages. Stages in `names` but in no edge are roots (0). A cycle (which validation forbids)
    /// cannot loop forever: an edge back into the path is ignored.
    package static func depths(of names: [String], edges: [StageEdge]) -> [String: Int] {
        var upstream: [String: [String]] = [:]
        for edge in edges where edge.from != edge.to { upstream[edge.to, default: []].append(edge.from) }
        var depth: [String: Int] = [:]
        var onPath: Set<String> = []
        func visit(_ name: String) -> Int {
            if let known = depth[name] { return known }
            guard !onPath.contains(name) else { return -1 }
            onPath.insert(name)
            let value = (upstream[name] ?? []).map { visit($0) + 1 }.max() ?? 0
            onPath.remove(name)
            depth[name] = max(0, value)
            return max(0, value)
        }
        for name in names { _ = visit(name) }
        let wanted = Set(names)
        return depth.filter { wanted.contains($0.key) }
    }
}
