import MagicHourRules
import PipelineBasics

/// Prints a plan for people (a table per stage, every task) or for tools (JSON).
public struct PlanRenderer: Sendable {
    public var plan: Plan
    /// What a run would do with each task ("cached", "to run: new task"), by task id, when known.
    public var statuses: [String: String]
    /// Credits the tasks to run would spend, when the state store was consulted.
    public var creditsToSpend: Int?
    /// How many tasks have each status, when `statuses` is not given in full (a summary of a
    /// large plan needs only the counts); `nil`: counted from `statuses`.
    public var statusCounts: [String: Int]?

    public init(
        plan: Plan, statuses: [String: String] = [:], statusCounts: [String: Int]? = nil, creditsToSpend: Int? = nil
    ) {
        self.plan = plan
        self.statuses = statuses
        self.creditsToSpend = creditsToSpend
        self.statusCounts = statusCounts
    }

    /// The stage table, and unless `summaryOnly`, every task with its credits and output.
    public func text(summaryOnly: Bool = false) -> String {
        var lines: [String] = []
        let pipeline = plan.pipeline
        lines.append("Plan for \(pipeline.name) (\(pipeline.file))")
        lines.append("")
        let header = ["stage", "type", "tasks", "credits"]
        var rows = plan.stages.map {
            [$0.name, $0.typeName, String($0.taskIDs.count), Self.creditsCell($0.credits, unpriced: $0.unpricedTasks)]
        }
        rows.append(
            ["total", "", String(plan.tasks.count), Self.creditsCell(plan.totalCredits, unpriced: plan.unpricedTasks)])
        lines.append(contentsOf: Self.table(header: header, rows: rows, rightAligned: [2, 3]))
        let models = ModelCredits.rows(plan)
        if !models.isEmpty {
            // Per model: where the credits go, and what `default` is on the plan's tier.
            lines.append("")
            lines.append(
                contentsOf: Self.table(
                    header: ["model", "tasks", "credits"],
                    rows: models.map {
                        [$0.label, String($0.tasks), Self.creditsCell($0.credits, unpriced: $0.unpricedTasks)]
                    },
                    rightAligned: [1, 2]))
            if let overrides = overridesText(models) { lines.append(overrides) }
            if models.contains(where: { $0.model != $0.resolved }) {
                lines.append(
                    "default is \(plan.tier.map { "the \($0.rawValue) tier's" } ?? "a paid tier's (no tier known)") model; pin one to plan exactly"
                )
            }
        }
        lines.append("")
        lines.append(
            "\(plan.tasks.count) task\(plan.tasks.count == 1 ? "" : "s"), \(plan.edgeCount) edge\(plan.edgeCount == 1 ? "" : "s"), \(plan.totalCredits) credits estimated"
                + (plan.unpricedTasks > 0
                    ? ", \(plan.unpricedTasks) unpriced task\(plan.unpricedTasks == 1 ? "" : "s") (no published price)"
                    : "")
        )
        if let creditsToSpend {
            let byStatus =
                statusCounts ?? statuses.values.reduce(into: [:]) { counts, status in counts[status, default: 0] += 1 }
            var counts: [String: Int] = [:]
            for (status, count) in byStatus {
                counts[status.split(separator: ":").first.map(String.init) ?? status, default: 0] += count
            }
            let breakdown = counts.keys.sorted().map { "\(counts[$0]!) \($0)" }.joined(separator: ", ")
            lines.append("\(breakdown); \(creditsToSpend) credits still to spend")
        }
        if let budget = pipeline.settings.budgetCredits {
            let spend = creditsToSpend ?? plan.totalCredits
            var verdict = spend <= budget ? "within" : "OVER by \(spend - budget)"
            if plan.unpricedTasks > 0 {
                verdict += "; unpriced tasks not counted, a run needs \(Remedy.allowUnpriced.phrase)"
            }
            lines.append("budget: \(budget) credits (\(verdict))")
        }
        if !summaryOnly {
            var byID: [String: PlannedTask] = [:]
            for task in plan.tasks { byID[task.id] = task }
            for stage in plan.stages {
                lines.append("")
                lines.append("\(stage.name) (\(stage.typeName))")
                for id in stage.taskIDs {
                    guard let task = byID[id] else { continue }
                    var line = "  \(task.id)"
                    if let status = statuses[task.id] { line += "  [\(status)]" }
                    if task.isUnpriced {
                        line += "  unpriced"
                    } else if task.credits > 0 {
                        line += "  \(task.credits) credits"
                        if ModelCredits.priceSource(of: task, in: plan) == .settings { line += " (settings.prices)" }
                    }
                    if let output = task.outputPath { line += "  → \(output)" }
                    if !task.cacheKey.isEmpty { line += "  key \(task.cacheKey.prefix(12))" }
                    lines.append(line)
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The plan as a JSON value: pipeline, stages, tasks (with parameters), totals.
    public func json(diagnostics: [Diagnostic] = []) -> Value {
        .object(fields(tasks: .list(plan.tasks.map(taskJSON)), stages: stageJSON, diagnostics: diagnostics))
    }

    /// The stages as the JSON output lists them.
    private var stageJSON: [Value] {
        plan.stages.map { stage in
            var fields: [String: Value] = [
                "name": .string(stage.name), "type": .string(stage.typeName),
                "tasks": .number(Double(stage.taskIDs.count)),
                "credits": .number(Double(stage.credits)), "needs": .list(stage.dependencies.map(Value.string)),
                "unpriced_tasks": .number(Double(stage.unpricedTasks)),
            ]
            // Only where there are any: the JSON of a plan without such reads is unchanged.
            if !stage.reads.isEmpty { fields["reads"] = .list(stage.reads.map(Value.string)) }
            return .object(fields)
        }
    }

    /// The top-level fields of the JSON output, with `tasks` as given.
    private func fields(tasks: Value, stages: [Value], diagnostics: [Diagnostic]) -> [String: Value] {
        [
            "pipeline": .string(plan.pipeline.name), "file": .string(plan.pipeline.file),
            "stages": .list(stages), "tasks": tasks,
            "total_tasks": .number(Double(plan.tasks.count)), "total_credits": .number(Double(plan.totalCredits)),
            "edges": .number(Double(plan.edgeCount)), "unpriced_tasks": .number(Double(plan.unpricedTasks)),
            "budget_credits": plan.pipeline.settings.budgetCredits.map { .number(Double($0)) } ?? .null,
            "credits_to_spend": creditsToSpend.map { .number(Double($0)) } ?? .null,
            "tier": plan.tier.map { .string($0.rawValue) } ?? .null,
            "models": .list(
                ModelCredits.rows(plan).map { row in
                    .object([
                        "model": .string(row.model), "resolved_model": .string(row.resolved),
                        "tasks": .number(Double(row.tasks)), "credits": .number(Double(row.credits)),
                        "unpriced_tasks": .number(Double(row.unpricedTasks)),
                        "settings_priced_tasks": .number(Double(row.settingsPricedTasks)),
                    ])
                }),
            "warnings": .list(diagnostics.filter { $0.severity == .warning }.map { .string($0.description) }),
        ]
    }

    /// One task as the JSON output lists it.
    func taskJSON(_ task: PlannedTask) -> Value {
        var fields: [String: Value] = [
            "id": .string(task.id), "stage": .string(task.stage), "type": .string(task.typeName),
            "dependencies": .list(task.dependencies.map(Value.string)), "credits": .number(Double(task.credits)),
            "parameters": .object(task.parameters.dictionary.mapValues { $0.isDeferred ? .string($0.display) : $0 }),
            "matrix": .object(task.matrix),
        ]
        if task.isUnpriced {
            fields["credits"] = .null
            fields["unpriced"] = .bool(true)
        }
        if let source = ModelCredits.priceSource(of: task, in: plan) {
            fields["price_source"] = .string(source.rawValue)
        }
        if !task.cacheKey.isEmpty { fields["cache_key"] = .string(task.cacheKey) }
        if let output = task.outputPath { fields["output"] = .string(output) }
        if let status = statuses[task.id] { fields["status"] = .string(status) }
        return .object(fields)
    }

    /// The bytes of `json(diagnostics:).prettyJSON` (with `extra` fields added at the top), written
    /// to `write` in pieces of about `chunkBytes`, each ending after a whole task: the tasks are
    /// built one at a time, never all at once. Nothing is written twice or out of order.
    public func writeJSON(
        diagnostics: [Diagnostic] = [], extra: [String: Value] = [:], chunkBytes: Int = 1 << 16,
        to write: (String) -> Void
    ) {
        // `tasks` is written from the plan, element by element, where its key sorts.
        var fields = fields(tasks: .list([]), stages: stageJSON, diagnostics: diagnostics)
        fields.merge(extra) { _, new in new }
        let keys = fields.keys.sorted()
        var out = "{\n"
        for (position, key) in keys.enumerated() {
            out += "  " + Value.jsonQuoted(key) + ": "
            if key == "tasks" {
                if plan.tasks.isEmpty {
                    out += "[]"
                } else {
                    out += "[\n"
                    for (index, task) in plan.tasks.enumerated() {
                        out += "    "
                        Value.writePretty(taskJSON(task), indent: 2, into: &out)
                        out += index == plan.tasks.count - 1 ? "\n" : ",\n"
                        if out.utf8.count >= chunkBytes {
                            write(out)
                            out = ""
                        }
                    }
                    out += "  ]"
                }
            } else {
                Value.writePretty(fields[key]!, indent: 1, into: &out)
            }
            out += position == keys.count - 1 ? "\n" : ",\n"
        }
        out += "}"
        write(out)
    }

    /// `prices from settings.prices (not the catalog): ltx-2.5 at 480p 20/s (2 tasks)`, when a
    /// task of the plan uses an override.
    private func overridesText(_ models: [ModelCredits]) -> String? {
        let overrides = plan.pipeline.settings.prices
        let used = models.filter { $0.settingsPricedTasks > 0 }
        guard !used.isEmpty else { return nil }
        let entries = used.map { row in
            let prices = (overrides.byModel[row.resolved] ?? [:]).sorted { $0.key < $1.key }.map { resolution, price in
                let audio = price.audioCreditsPerSecond.map { $0 > 0 ? " +\($0) audio" : "" } ?? ""
                return "\(resolution.rawValue) \(price.creditsPerSecond)/s\(audio)"
            }
            let tasks = "\(row.settingsPricedTasks) task\(row.settingsPricedTasks == 1 ? "" : "s")"
            return "\(row.resolved) at \(prices.joined(separator: ", ")) (\(tasks))"
        }
        return "prices from settings.prices (not the catalog): " + entries.joined(separator: "; ")
    }

    /// `300`, or `300 + 2 unpriced` when some tasks have no published price.
    static func creditsCell(_ credits: Int, unpriced: Int) -> String {
        unpriced > 0 ? "\(credits) + \(unpriced) unpriced" : String(credits)
    }

    /// Left-aligned columns separated by two spaces; `rightAligned` columns pad on the left.
    public static func table(header: [String], rows: [[String]], rightAligned: Set<Int> = []) -> [String] {
        var widths = header.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func format(_ row: [String]) -> String {
            row.enumerated().map { index, cell in
                let padding = String(repeating: " ", count: widths[index] - cell.count)
                return rightAligned.contains(index) ? padding + cell : cell + padding
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        return [format(header)] + rows.map(format)
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.hasSuffix(" ") { copy.removeLast() }
        return copy
    }
}
