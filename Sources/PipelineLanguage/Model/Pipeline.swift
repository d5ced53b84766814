/// A validated pipeline file: what the planner expands into tasks.
public struct Pipeline: Sendable {
    /// The file as the user named it (used in diagnostics).
    public var file: String
    /// The folder relative paths in the file are resolved against (the file's own folder).
    public var baseDirectory: String
    public var version: Int
    public var name: String
    public var schedule: Schedule?
    public var settings: Settings
    /// Named inputs in file order.
    public var inputs: [InputDefinition]
    /// Stages in file order (execution order comes from the graph, not from this order).
    public var stages: [Stage]

    public func stage(named name: String) -> Stage? {
        stages.first { $0.name == name }
    }

    public func input(named name: String) -> InputDefinition? {
        inputs.first { $0.name == name }
    }

    /// Whether a stage's parameters or `if:` read `run.*` (the run's id, date or time), so that
    /// its tasks are not the same from one run to the next.
    public var readsRun: Bool {
        stages.contains { stage in
            (stage.condition?.template.reads("run") ?? false) || stage.parameters.values.contains { $0.reads("run") }
        }
    }
}
