import Foundation

/// Draws a plan's stage graph or task graph as Graphviz DOT or Mermaid.
public struct GraphRenderer: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case dot
        case mermaid
    }

    public var plan: Plan

    public init(plan: Plan) {
        self.plan = plan
    }

    /// The stage graph: one node per stage, edges labelled `for_each`, `needs`, or `reads` (a
    /// file parameter names the other stage's output by its path).
    public func stages(_ format: Format) -> String {
        let nodes = plan.stages.map { stage in
            (
                id: stage.name,
                label:
                    "\(stage.name)\n\(stage.typeName) · \(stage.taskIDs.count) task\(stage.taskIDs.count == 1 ? "" : "s")"
                    + (stage.credits > 0 ? " · \(stage.credits) credits" : "")
                    + (stage.unpricedTasks > 0 ? " · \(stage.unpricedTasks) unpriced" : "")
            )
        }
        var edges: [(from: String, to: String, label: String)] = []
        for stage in plan.pipeline.stages {
            if case .stage(let upstream, _) = stage.forEach { edges.append((upstream, stage.name, "for_each")) }
            for need in stage.needs { edges.append((need.name, stage.name, "needs")) }
        }
        for stage in plan.stages {
            for read in stage.reads { edges.append((read, stage.name, "reads")) }
        }
        return render(format, nodes: nodes, edges: edges)
    }

    /// The task graph: one node per task, one edge per dependency.
    public func tasks(_ format: Format) -> String {
        let nodes = plan.tasks.map { task in
            (
                id: task.id,
                label: task.id + (task.isUnpriced ? "\nunpriced" : task.credits > 0 ? "\n\(task.credits) credits" : "")
            )
        }
        let edges = plan.tasks.flatMap { task in task.dependencies.map { (from: $0, to: task.id, label: "") } }
        return render(format, nodes: nodes, edges: edges)
    }

    private func render(
        _ format: Format, nodes: [(id: String, label: String)], edges: [(from: String, to: String, label: String)]
    ) -> String {
        switch format {
        case .dot:
            var lines = [
                "digraph \(dotQuoted(plan.pipeline.name)) {", "  rankdir=LR;", "  node [shape=box, style=rounded];",
            ]
            for node in nodes { lines.append("  \(dotQuoted(node.id)) [label=\(dotQuoted(node.label))];") }
            for edge in edges {
                let label = edge.label.isEmpty ? "" : " [label=\(dotQuoted(edge.label))]"
                lines.append("  \(dotQuoted(edge.from)) -> \(dotQuoted(edge.to))\(label);")
            }
            lines.append("}")
            return lines.joined(separator: "\n") + "\n"
        case .mermaid:
            var identifiers: [String: String] = [:]
            for (index, node) in nodes.enumerated() { identifiers[node.id] = "n\(index)" }
            var lines = ["flowchart LR"]
            for node in nodes { lines.append("  \(identifiers[node.id]!)[\"\(mermaidText(node.label))\"]") }
            for edge in edges {
                guard let from = identifiers[edge.from], let to = identifiers[edge.to] else { continue }
                lines.append(edge.label.isEmpty ? "  \(from) --> \(to)" : "  \(from) -->|\(edge.label)| \(to)")
            }
            return lines.joined(separator: "\n") + "\n"
        }
    }

    private func dotQuoted(_ text: String) -> String {
        "\""
            + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n") + "\""
    }

    private func mermaidText(_ text: String) -> String {
        text.replacingOccurrences(of: "\"", with: "#quot;").replacingOccurrences(of: "\n", with: "<br/>")
    }
}
