import Foundation
import MagicHourRules
import PipelineMedia
import PipelineBasics

/// Expands a validated pipeline into its full task graph: every item × matrix cell, resolved
/// parameters, task-to-task edges, planned output paths, cache keys and credits.
struct Planner {
    let pipeline: Pipeline
    let analyses: [PipelineValidator.StageAnalysis]
    let options: PlanOptions
    var sink = DiagnosticSink()
    /// The account's tier the estimates assume (`options.tier`, else `settings.tier`).
    private var tier: AccountTier? { options.tier ?? pipeline.settings.tier }

    private var tasks: [PlannedTask] = []
    /// The item keys and matrix cells of the stages a stage still to plan iterates over.
    private var upstreamItems: [String: UpstreamItems] = [:]
    private var tasksByStage: [String: [Int]] = [:]
    private var producerByPath: [String: Int] = [:]
    /// Each folder that planned outputs lie in, with the first task writing inside it.
    private var folderUsers: [String: Int] = [:]
    /// The bytes before a relative output path once it is absolute (the pipeline's folder and a `/`).
    private let rootLength: Int
    private var indexByID: [String: Int] = [:]
    private var checkedFiles: [String: String?] = [:]
    /// The folders globs listed (``Plan/foldersRead``).
    private var foldersRead: [String: PathSignature?] = [:]
    private var existingFiles: [String: Bool] = [:]
    /// `settings.output_dir` as planned paths begin ("" when it is the pipeline's folder).
    private let outputPrefix: String
    /// Each local file inside the output folder that a task read as already there, with the first
    /// such task: a task planned later that writes it would race with that reader.
    private var earlyReads: [String: Int] = [:]
    /// Length and frame rate of the local media files timed inputs name, read once each.
    private var mediaFacts: [String: MediaFacts] = [:]
    /// File digests worked out ahead by `prefetchFiles`, until `keyed` takes them.
    private var prefetchedDigests: [String: Result<String, any Error>] = [:]

    init(pipeline: Pipeline, analyses: [PipelineValidator.StageAnalysis], options: PlanOptions) {
        self.pipeline = pipeline
        self.analyses = analyses
        self.options = options
        let base = pipeline.baseDirectory
        let root = PathText.resolve(base, against: FileManager.default.currentDirectoryPath)
        self.rootLength = root.utf8.count + 1
        let output = PathText.normalized(pipeline.settings.outputDirectory) ?? "."
        self.outputPrefix = output == "." ? "" : output + "/"
    }

    mutating func plan() -> Plan {
        let inputs = expandInputs()
        var inputFields: [String: Value] = [:]
        for (name, items) in inputs { inputFields[name] = .list(items) }
        let inputsValue = Value.object(inputFields)
        // Secrets are not in the scope at all: the validator refuses expressions naming them, and
        // nothing else can read them.
        let secrets = pipeline.settings.secretNames
        let environmentValue = Value.object(
            options.environment.filter { !secrets.contains($0.key) }.mapValues(Value.string))
        let runValue = Self.runValue(id: options.runID, date: options.runDate)
        let scope: [String: Value] = ["inputs": inputsValue, "env": environmentValue, "run": runValue]
        // Each worker copies it, and sets `item` and `matrix` in place per task.
        let evaluator = ExpressionEvaluator(scope: scope)

        guard let estimate = admittedTaskCount(analyses.map(\.stage), inputs: inputs) else {
            return Plan(pipeline: pipeline, tasks: [], index: [:], stages: [], scope: scope)
        }
        reserveCapacity(min(estimate, 1 << 22))
        // Each stage's credits and unpriced tasks; the summaries are made once the last stage's
        // items are gone, so that their lists of task ids do not add to the largest moment.
        var totals: [(credits: Int, unpriced: Int, reads: [String])] = []
        var limit = TaskCountLimit(limit: pipeline.settings.maxTasks)
        let lastReaders = Self.lastReaders(of: analyses.map(\.stage))
        for (position, analysis) in analyses.enumerated() {
            let stage = analysis.stage
            let prepared = PreparedStage(stage, settings: pipeline.settings, upstream: upstreamType(of: stage))
            let sources = items(for: stage, inputs: inputs)
            for (name, reader) in lastReaders where reader == position { upstreamItems[name] = nil }
            // Checked again with the real counts (globs, `if:`), before this stage's cells exist.
            if let problem = limit.admit(stage, items: sources.count, exact: stage.condition == nil) {
                refuse(stage, problem)
                return Plan(pipeline: pipeline, tasks: [], index: [:], stages: [], scope: scope)
            }
            let cells = stage.matrix?.combinations.map(MatrixCell.init) ?? [.empty]
            let stageDependencies = stage.needs.flatMap { tasksByStage[$0.name] ?? [] }.map { tasks[$0].id }
            reserveCapacity(tasks.count + sources.count * cells.count)
            // Room for the paths of the stages that write a file known at plan time only: sized
            // for every task, the table of a million tasks would be twice as large as it needs.
            if prepared.writesPlannedFiles {
                producerByPath.reserveCapacity(producerByPath.count + sources.count * cells.count)
            }
            prefetchFiles(prepared, sources: sources)
            let context = StageDraftContext(prepared: prepared, sources: sources, cells: cells, evaluator: evaluator)
            var tally = StageTally(
                table: ParameterTable.Builder(
                    names: prepared.parameters.map(\.spec.name), isShared: prepared.parameters.map(\.isShared),
                    rows: context.workCount),
                label: StageLabel(name: stage.name, typeName: stage.type.name),
                stageDependencies: stageDependencies, keepsItems: lastReaders[stage.name] != nil)
            if tally.keepsItems { tally.items.reserveCapacity(context.workCount) }
            // Drafted a run at a time on every core, each run taken in order before the next is
            // drafted: a draft reads what earlier stages planned, never what its own stage takes.
            var start = 0
            while start < context.workCount {
                let end = min(context.workCount, start + Self.draftRunLength)
                for part in draftRun(context, work: start..<end) { take(part, context, into: &tally, recheck: true) }
                start = end
            }
            let indices = tally.indices
            // Each task's row is its place among the stage's tasks.
            let parameters = tally.table.build()
            for (row, position) in indices.enumerated() {
                tasks[position].parameters = TaskParameters(table: parameters, row: row)
            }
            tasksByStage[stage.name] = indices
            if tally.keepsItems { upstreamItems[stage.name] = tally.items }
            totals.append((tally.credits, tally.unpriced, tally.reads))
        }
        let summaries = zip(analyses, totals).map { analysis, total in
            Plan.StageSummary(
                name: analysis.stage.name, typeName: analysis.stage.type.name,
                taskIDs: (tasksByStage[analysis.stage.name] ?? []).map { tasks[$0].id }, credits: total.credits,
                dependencies: analysis.dependencies, unpricedTasks: total.unpriced,
                reads: total.reads.filter { !analysis.dependencies.contains($0) })
        }
        var plan = Plan(pipeline: pipeline, tasks: tasks, index: indexByID, stages: summaries, scope: scope)
        plan.tier = tier
        plan.foldersRead = foldersRead
        return plan
    }

    // MARK: - Drafting and taking tasks

    /// How many of a stage's tasks are drafted before they are taken into the plan, and how many
    /// one worker drafts at a time: enough to keep every core busy, few enough to hold little.
    static let draftRunLength = 8192
    static let draftPartLength = 1024

    /// The drafts of `work`, in parts, on every core when there are several parts.
    ///
    /// The workers read this planner (through a pointer) while nothing writes it: every part is
    /// drafted before `draftRun` returns, and only then are the drafts taken.
    private mutating func draftRun(_ context: StageDraftContext, work: Range<Int>) -> [DraftedPart] {
        let parts = stride(from: work.lowerBound, to: work.upperBound, by: Self.draftPartLength).map { start in
            start..<min(work.upperBound, start + Self.draftPartLength)
        }
        guard parts.count > 1 else { return parts.map { draft(context, work: $0) } }
        return withUnsafePointer(to: &self) { planner in
            withUnsafePointer(to: context) { context in
                let view = DraftingView(planner: planner, context: context)
                return Blocking.map(parts) { part in view.planner.pointee.draft(view.context.pointee, work: part) }
            }
        }
    }

    /// Drafts the tasks of `work`, reading only what earlier stages planned.
    private func draft(_ context: StageDraftContext, work: Range<Int>) -> DraftedPart {
        var scratch = DraftScratch()
        var part = DraftedPart()
        var evaluator = context.evaluator
        var current: (source: Int, lineage: ItemLineage, inheritedPath: Value?)?
        for index in work {
            let (sourceIndex, cellIndex) = index.quotientAndRemainder(dividingBy: context.cells.count)
            let source = context.sources[sourceIndex]
            if current?.source != sourceIndex {
                let (lineage, inheritedPath) = Self.setItem(of: source, in: &evaluator)
                current = (sourceIndex, lineage, inheritedPath)
            }
            let diagnosticsStart = scratch.sink.diagnostics.count
            scratch.localPaths.removeAll(keepingCapacity: true)
            let task = draftTask(
                context, source: source, cell: context.cells[cellIndex], lineage: current!.lineage,
                inheritedPath: current!.inheritedPath, evaluator: &evaluator, scratch: &scratch)
            let diagnostics = diagnosticsStart..<scratch.sink.diagnostics.count
            let pathsStart = part.localPaths.count
            if context.prepared.writesPlannedFiles {
                part.localPaths.append(contentsOf: scratch.localPaths)
            } else {
                for path in scratch.localPaths where path.hasPrefix(outputPrefix) { part.localPaths.append(path) }
            }
            guard task != nil || !diagnostics.isEmpty || part.localPaths.count > pathsStart else { continue }
            let valuesStart = part.values.count
            if task != nil { part.values.append(contentsOf: scratch.resolvedValues) }
            part.entries.append(
                DraftedPart.Entry(
                    work: index, task: task, valuesStart: valuesStart, diagnostics: diagnostics,
                    localPaths: pathsStart..<part.localPaths.count))
        }
        part.diagnostics = scratch.sink.diagnostics
        part.unreadable = scratch.unreadable
        part.files = scratch.files
        return part
    }

    /// Sets `item` in `evaluator` to `source`'s item, and returns what every cell of the item
    /// shares: its lineage and the `path` it inherits.
    private static func setItem(
        of source: TaskSource, in evaluator: inout ExpressionEvaluator
    ) -> (ItemLineage, Value?) {
        if case .produced(let upstream)? = source.item {
            evaluator.scope["item"] = nil
            evaluator.producedItem = upstream
            return (upstream.downstreamLineage, upstream["path"])
        }
        let item = source.item?.value
        evaluator.scope["item"] = item
        evaluator.producedItem = nil
        return (ItemLineage(item: item, stem: source.stem), item?["path"])
    }

    /// One task of `source` in `cell`, or nil when `if:` leaves it out or it has errors; its
    /// parameter values are left in `scratch.resolvedValues`.
    private func draftTask(
        _ context: StageDraftContext, source: TaskSource, cell: MatrixCell, lineage: ItemLineage,
        inheritedPath: Value?, evaluator: inout ExpressionEvaluator, scratch: inout DraftScratch
    ) -> TaskDraft? {
        let prepared = context.prepared
        let stage = prepared.stage
        let matrixCell = source.matrix.extended(by: cell)
        let matrix = matrixCell.values
        let id = Self.taskID(stage: stage.name, item: source.key.isEmpty ? nil : source.key, matrix: matrixCell)
        evaluator.scope["matrix"] = .object(matrix)
        if let condition = stage.condition,
            !include(condition, evaluator: evaluator, task: id, sink: &scratch.sink)
        {
            return nil
        }
        guard let parameters = resolveParameters(prepared, evaluator: evaluator, task: id, scratch: &scratch) else {
            return nil
        }
        let outputPath = plannedPath(prepared, id: id, matrix: matrixCell, parameters: parameters, stem: source.stem)
        let produced = ProducedItem(
            lineage: lineage, inheritedPath: inheritedPath, matrix: matrix, producer: id,
            outputs: stage.type.outputs, outputPath: outputPath)
        let credits = stage.type.credits(
            for: parameters, tier: tier, prices: pipeline.settings.prices,
            input: timedInputFacts(stage.type, parameters, scratch: &scratch))
        let keys = options.computeCacheKeys ? cacheKey(prepared, scratch: &scratch) : TaskKeys.none
        scratch.parameters = parameters
        var fileProducers: [Int] = []
        for case .produced(let producer)? in scratch.fileOrigins
        where producer != source.producer && !fileProducers.contains(producer) {
            fileProducers.append(producer)
        }
        return TaskDraft(
            id: id, matrixCell: matrixCell, outputPath: outputPath, produced: produced, credits: credits, keys: keys,
            fileProducers: fileProducers)
    }

    /// Takes `part`'s drafts into the plan, in order. With `recheck`, a draft that named a local
    /// file an earlier task of its stage turns out to write is drafted again, now that the
    /// earlier task is in the plan: the plan is the one planning task by task would give.
    private mutating func take(
        _ part: DraftedPart, _ context: StageDraftContext, into tally: inout StageTally, recheck: Bool
    ) {
        let width = context.prepared.parameters.count
        for entry in part.entries {
            if recheck, part.localPaths[entry.localPaths].contains(where: { producerByPath[$0] != nil }) {
                take(draft(context, work: entry.work..<entry.work + 1), context, into: &tally, recheck: false)
                continue
            }
            for index in entry.diagnostics { report(part.diagnostics[index], unreadable: part.unreadable[index]) }
            guard let task = entry.task else { continue }
            let source = context.sources[entry.work / context.cells.count]
            tally.table.append(part.values[entry.valuesStart..<entry.valuesStart + width])
            let position = tasks.count
            for producer in task.fileProducers {
                let stage = tasks[producer].stage
                if stage != tally.label.name && !tally.reads.contains(stage) { tally.reads.append(stage) }
            }
            let dependencies =
                !task.fileProducers.isEmpty
                ? dependencies(producer: source.producer, fileProducers: task.fileProducers, tally: tally)
                : source.producer.map { TaskDependencies(head: tasks[$0].id, tail: tally.stageDependencies) }
                    ?? tally.onlyStageDependencies
            for path in part.localPaths[entry.localPaths] where path.hasPrefix(outputPrefix) && earlyReads[path] == nil
            {
                earlyReads[path] = position
            }
            if let path = task.outputPath { register(path, task: position, id: task.id, stage: context.prepared) }
            indexByID[task.id] = position
            tasks.append(
                PlannedTask(
                    id: task.id, label: tally.label, input: source.item, matrix: task.matrixCell.values,
                    parameters: .none, dependencies: dependencies, keys: task.keys, credits: task.credits ?? 0,
                    outputPath: task.outputPath, output: .produced(task.produced)))
            if task.credits == nil {
                tasks[position].isUnpriced = true
                tally.unpriced += 1
            }
            if tally.keepsItems { tally.items.append(key: source.key, cell: task.matrixCell) }
            tally.indices.append(position)
            tally.credits += task.credits ?? 0
        }
        learn(part.files)
    }

    /// The dependencies of a task that reads, by path, files other tasks write: the producer of
    /// its item, then those tasks (distinct, and never its item's producer: `TaskDraft`), then
    /// its stage's `needs` that are neither.
    private func dependencies(producer: Int?, fileProducers: [Int], tally: StageTally) -> TaskDependencies {
        let producers = ([producer].compactMap { $0 } + fileProducers).map { tasks[$0].id }
        return TaskDependencies(producers + tally.stageDependencies.filter { !producers.contains($0) })
    }

    /// Keeps what drafting learned of files, for later stages.
    private mutating func learn(_ files: FileFacts) {
        existingFiles.merge(files.existing) { known, _ in known }
        checkedFiles.merge(files.checked) { known, _ in known }
        for absolute in files.usedDigests { prefetchedDigests[absolute] = nil }
        mediaFacts.merge(files.media) { known, _ in known }
    }

    /// Sizes the task tables for `count` tasks at once, rather than growing them stage by stage.
    private mutating func reserveCapacity(_ count: Int) {
        tasks.reserveCapacity(count)
        indexByID.reserveCapacity(count)
    }

    /// The number of tasks if no `if` leaves any out (`for_each` globs count none yet), or `nil`
    /// (and an error) when a stage or the whole plan would go over `settings.max_tasks`.
    private mutating func admittedTaskCount(_ stages: [Stage], inputs: [String: [Value]]) -> Int? {
        var limit = TaskCountLimit(limit: pipeline.settings.maxTasks)
        var counts: [String: (count: Int, exact: Bool)] = [:]
        for stage in stages {
            var exact = stage.condition == nil
            let items: Int
            switch stage.forEach {
            case nil: items = 1
            case .input(let name, _): items = inputs[name]?.count ?? 0
            case .glob: items = 0
            case .list(let values, _): items = values.count
            case .stage(let name, _):
                let upstream = counts[name] ?? (0, true)
                items = upstream.count
                exact = exact && upstream.exact
            }
            let before = limit.total
            if let problem = limit.admit(stage, items: items, exact: exact) {
                refuse(stage, problem)
                return nil
            }
            counts[stage.name] = (limit.total - before, exact)
        }
        return limit.total
    }

    /// For each stage a `for_each` names, the position (in `stages`) of the last stage naming it.
    private static func lastReaders(of stages: [Stage]) -> [String: Int] {
        var readers: [String: Int] = [:]
        for (position, stage) in stages.enumerated() {
            if case .stage(let name, _)? = stage.forEach { readers[name] = position }
        }
        return readers
    }

    private mutating func refuse(_ stage: Stage, _ problem: String) {
        sink.error(
            .tooComplex, at: stage.location, problem,
            hint: "narrow the matrix or the inputs (exclude, if), or raise settings.max_tasks")
    }

    // MARK: - Items

    private mutating func items(for stage: Stage, inputs: [String: [Value]]) -> [TaskSource] {
        switch stage.forEach {
        case nil:
            return [TaskSource(key: "", item: nil, producer: nil, matrix: .empty, stem: stage.name)]
        case .input(let name, _):
            return (inputs[name] ?? []).map(Self.source(of:))
        case .glob(let pattern, let location):
            return globFiles(pattern, exclude: [], location: location, ifEmpty: .warn).map(Self.source(of:))
        case .list(let values, _):
            return values.map(Self.source(of:))
        case .stage(let name, _):
            let upstream = upstreamItems[name] ?? UpstreamItems()
            return (tasksByStage[name] ?? []).enumerated().map { offset, index in
                let produced = tasks[index].output
                let key = upstream.keys[offset]
                let stem = produced["stem"]?.stringValue ?? key
                return TaskSource(
                    key: key, item: produced, producer: index, matrix: upstream.cells[offset], stem: stem)
            }
        }
    }

    private static func source(of item: Value) -> TaskSource {
        let key = item["path"]?.stringValue ?? item["value"]?.display ?? item.display
        return TaskSource(
            key: key, item: .value(item), producer: nil, matrix: .empty, stem: item["stem"]?.stringValue ?? key)
    }

    private mutating func expandInputs() -> [String: [Value]] {
        var result: [String: [Value]] = [:]
        for input in pipeline.inputs {
            switch input.source {
            case .glob(let pattern, let exclude, let location):
                result[input.name] = globFiles(pattern, exclude: exclude, location: location, ifEmpty: input.ifEmpty)
            case .files(let files):
                var items: [Value] = []
                for (index, file) in files.enumerated() {
                    let absolute = PathText.join(pipeline.baseDirectory, file.path)
                    // A FIFO or a device would block (or never end) the read that hashes it.
                    if !Self.isFile(absolute) {
                        var info = stat()
                        let exists = stat(absolute, &info) == 0 && (info.st_mode & S_IFMT) != S_IFDIR
                        sink.error(
                            .invalidValue, at: file.location,
                            "file '\(file.path)' \(exists ? "is not a regular file" : "does not exist")",
                            hint: "paths are relative to the pipeline file's folder")
                    }
                    items.append(Self.fileItem(file.path, index: index))
                }
                result[input.name] = items
            case .values(let values):
                result[input.name] = values
            }
        }
        return result
    }

    /// The files a glob matches. Its folder (the part before the first wildcard) must exist;
    /// matching nothing there is an error, a warning or nothing, as `ifEmpty` says.
    private mutating func globFiles(
        _ pattern: String, exclude: [String], location: SourceLocation, ifEmpty: EmptyInputPolicy
    ) -> [Value] {
        let glob = Glob(pattern)
        let folders = glob.literalFolders
        if !folders.contains(where: { Glob.folderExists($0, in: pipeline.baseDirectory) }) {
            let missing = folders.map { "'\($0)'" }.joined(separator: ", ")
            sink.error(
                .emptyInput, at: location,
                "the folder \(missing) of '\(pattern)' does not exist\(folders.count > 1 ? " (none of them do)" : "")",
                hint:
                    "create it, or fix the pattern; patterns are relative to the pipeline file's folder (\(pipeline.baseDirectory))"
            )
            return []
        }
        let excluded = exclude.map(Glob.init)
        let matches = glob.files(in: pipeline.baseDirectory, foldersRead: &foldersRead).filter { path in
            !excluded.contains { $0.matches(path) }
        }
        if matches.isEmpty {
            let message = "'\(pattern)' matches no files"
            let hint = "patterns are relative to the pipeline file's folder (\(pipeline.baseDirectory))"
            switch ifEmpty {
            case .error: sink.error(.emptyInput, at: location, message, hint: hint + "; if_empty: error")
            case .warn:
                sink.warning(
                    .emptyInput, at: location, message,
                    hint: hint + "; if_empty: ignore silences this, if_empty: error refuses the run")
            case .ignore: break
            }
        }
        return matches.enumerated().map { Self.fileItem($1, index: $0) }
    }

    static func fileItem(_ path: String, index: Int) -> Value {
        let name = PathText.basename(path)  // stem and extension of the name are those of the path
        var file = [String: Value](minimumCapacity: 4)
        file["path"] = .string(path)
        file["name"] = .string(name)
        file["stem"] = .string(PathText.stem(name))
        file["extension"] = .string(PathText.extension(name))
        var item = [String: Value](minimumCapacity: 7)
        for (key, value) in file { item[key] = value }
        item["index"] = .number(Double(index))
        item["source"] = .object(file)
        item["matrix"] = .object([:])
        return .object(item)
    }

    // MARK: - Parameters

    private func include(
        _ condition: (template: Template, location: SourceLocation), evaluator: ExpressionEvaluator, task: String,
        sink: inout DiagnosticSink
    ) -> Bool {
        do {
            let value = try evaluator.evaluate(condition.template)
            switch value {
            case .bool(let flag): return flag
            case .deferred:
                sink.error(
                    .expressionType, at: condition.location, "'if' cannot depend on outputs known only at run time",
                    hint: "the plan is static: use item fields from inputs, matrix values or env")
                return false
            default:
                sink.error(
                    .expressionType, at: condition.location,
                    "'if' evaluated to \(value.display) for \(task), not a boolean")
                return false
            }
        } catch {
            sink.error(
                error.code, at: condition.location.advanced(by: error.offset), "\(task): \(error.message)",
                hint: error.hint)
            return false
        }
    }

    private func resolveParameters(
        _ prepared: PreparedStage, evaluator: ExpressionEvaluator, task: String, scratch: inout DraftScratch
    ) -> [String: Value]? {
        // The previous task's mapping, emptied in place: one table for every task a worker drafts.
        var resolved = scratch.parameters
        scratch.parameters = [:]
        resolved.removeAll(keepingCapacity: true)
        resolved.reserveCapacity(prepared.parameters.count)
        Self.clear(&scratch.resolvedValues, count: prepared.parameters.count)
        Self.clear(&scratch.fileOrigins, count: prepared.parameters.count)
        var failed = false
        var hasDeferred = false
        for (position, parameter) in prepared.parameters.enumerated() {
            let expression = parameter.expression
            let value: Value
            do {
                value = try expression.evaluate(with: evaluator)
            } catch {
                scratch.sink.error(
                    error.code, at: expression.location(ofOffset: error.offset), "\(task): \(error.message)",
                    hint: error.hint)
                failed = true
                continue
            }
            if value.isDeferred {
                resolved[parameter.spec.name] = value
                scratch.resolvedValues[position] = value
                hasDeferred = true
                continue
            }
            switch parameter.spec.check(value) {
            case .success(let checked):
                resolved[parameter.spec.name] = checked
                scratch.resolvedValues[position] = checked
                if case .file = parameter.spec.kind, case .string(let path) = checked {
                    let origin = origin(ofFile: path, noting: &scratch.localPaths)
                    scratch.fileOrigins[position] = origin
                    if !exists(origin, scratch: &scratch) {
                        scratch.sink.error(
                            .invalidValue, at: expression.location,
                            "\(task): '\(parameter.spec.name)' names '\(path)', which does not exist",
                            hint: missingFileHint(path))
                        failed = true
                    }
                }
                if case .outputPath = parameter.spec.kind,
                    let problem = OutputPathRules.problem(in: expression, evaluator: evaluator, resolved: checked)
                {
                    scratch.sink.error(
                        .unsafePath, at: expression.location, "\(task): \(problem.message)", hint: problem.hint)
                    failed = true
                }
            case .failure(let problem):
                if let (location, use) = matrixValueLocation(of: expression, value: value, stage: prepared.stage) {
                    // The value to fix is in the matrix: point there, and say where it is used.
                    let note = "the value is used by '\(parameter.spec.name)' at line \(use.line), column \(use.column)"
                    let hint = problem.hint.map { "\($0) — \(note)" } ?? note
                    scratch.sink.error(problem.code, at: location, "\(task): \(problem.message)", hint: hint)
                } else if expression.hasExpressions || !parameter.isGiven {
                    scratch.sink.error(
                        problem.code, at: expression.location, "\(task): \(problem.message)", hint: problem.hint)
                }
                failed = true
            }
        }
        guard !failed else { return nil }
        // Rules across parameters are checked here only when templates make them differ per task.
        guard prepared.isTemplated else { return resolved }
        let stage = prepared.stage
        for (name, problem) in stage.type.problems(
            in: hasDeferred ? resolved.filter { !$0.value.isDeferred } : resolved, tier: tier)
        where problem.severity == .error {
            let location = stage.parameters[name]?.location ?? stage.location
            scratch.sink.error(problem.code, at: location, "\(task): \(problem.message)", hint: problem.hint)
            failed = true
        }
        return failed ? nil : resolved
    }

    /// `count` nils in `values`, in place when it has that many already (every task of a stage).
    private static func clear<T>(_ values: inout [T?], count: Int) {
        if values.count == count {
            for index in values.indices { values[index] = nil }
        } else {
            values = Array(repeating: nil, count: count)
        }
    }

    /// Where the file `path` comes from; a local one is added to `localPaths` as the planned
    /// paths would name it.
    private func origin(ofFile path: String, noting localPaths: inout [String]) -> FileOrigin {
        if PathText.isRemote(path) { return .remote }
        let planned = PathText.normalized(path) ?? path
        if let producer = producerByPath[planned] { return .produced(by: producer) }
        localPaths.append(planned)
        return .local(absolute: absolutePath(path))
    }

    private func origin(ofFile path: String) -> FileOrigin {
        var ignored: [String] = []
        return origin(ofFile: path, noting: &ignored)
    }

    /// What to say of a local file that is not there: inside the output folder, it may be a
    /// file a stage planned later writes, which a task reads only once ordered after it.
    private func missingFileHint(_ path: String) -> String {
        let planned = PathText.normalized(path) ?? path
        guard !outputPrefix.isEmpty, planned.hasPrefix(outputPrefix) else {
            return "paths are relative to the pipeline file's folder"
        }
        return "it is inside output_dir: if another stage writes it, add `needs: [that stage]` "
            + "or read it through for_each: ${{ stages.NAME }}"
    }

    /// Whether a file parameter names something that exists or will exist: a URL, an upstream
    /// task's planned output, or a readable file.
    private func exists(_ origin: FileOrigin, scratch: inout DraftScratch) -> Bool {
        guard case .local(let absolute) = origin else { return true }
        if let known = existingFiles[absolute] ?? scratch.files.existing[absolute] { return known }
        let exists = Self.isFile(absolute)
        scratch.files.existing[absolute] = exists
        return exists
    }

    /// Checks (and, for cache keys, hashes) ahead, on every core, the local files a stage reads
    /// as its items' own paths; `exists` and `keyed` then find the answers waiting.
    private mutating func prefetchFiles(_ prepared: PreparedStage, sources: [TaskSource]) {
        guard prepared.readsItemFiles else { return }
        var candidates: [String] = []
        var seen: Set<String> = []
        for source in sources {
            guard case .value(let item)? = source.item else { continue }
            for path in [item.interpolated, item["path"]?.interpolated] {
                guard let path, !path.isEmpty, !PathText.isRemote(path),
                    producerByPath[PathText.normalized(path) ?? path] == nil
                else { continue }
                let absolute = absolutePath(path)
                if existingFiles[absolute] == nil, checkedFiles[absolute] == nil, seen.insert(absolute).inserted {
                    candidates.append(absolute)
                }
            }
        }
        guard candidates.count > 1 else { return }
        let digest = options.computeCacheKeys ? options.digest : nil
        let facts = Blocking.map(candidates) { absolute in
            let exists = Self.isFile(absolute)
            return (exists: exists, digest: exists ? digest.map { digest in Result { try digest(absolute) } } : nil)
        }
        for (absolute, fact) in zip(candidates, facts) {
            existingFiles[absolute] = fact.exists
            if let digest = fact.digest { prefetchedDigests[absolute] = digest }
        }
    }

    private func absolutePath(_ path: String) -> String {
        PathText.resolve(path, against: pipeline.baseDirectory)
    }

    /// Whether `absolute` exists and is a regular file (or a link to one): a folder, a FIFO or a
    /// device is no file to read.
    private static func isFile(_ absolute: String) -> Bool {
        var info = stat()
        return stat(absolute, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    // MARK: - Outputs

    private func plannedPath(
        _ prepared: PreparedStage, id: String, matrix: MatrixCell, parameters: [String: Value], stem: String
    ) -> String? {
        let naming = OutputNaming(
            stageName: prepared.stage.name, taskTag: StableTag.of(id), stem: FileNameText.safe(stem),
            matrix: matrix.sorted,
            parameters: parameters, settings: pipeline.settings, workFolder: prepared.workFolder,
            upstreamExtension: prepared.upstreamExtension)
        return prepared.stage.type.plannedOutputPath(naming).flatMap(PathText.normalized)
    }

    /// What the plan knows of a task's timed input (the video or audio whose segment an endpoint
    /// bills): a local file's length and frame rate, read with libavformat. A URL, a file an
    /// upstream task makes, or one libavformat cannot read is unknown: the segment is billed as
    /// declared (`end_seconds − start_seconds`), at 24 frames a second.
    private func timedInputFacts(
        _ type: StageType, _ parameters: [String: Value], scratch: inout DraftScratch
    ) -> MediaFacts {
        guard let name = type.endpoint?.timedInput, let path = parameters[name]?.interpolated,
            case .local(let absolute) = origin(ofFile: path, noting: &scratch.localPaths)
        else { return .unknown }
        if let known = mediaFacts[absolute] ?? scratch.files.media[absolute] { return known }
        let info = try? MediaProbe.info(ofFile: absolute)
        let facts = MediaFacts(durationSeconds: info?.durationSeconds, framesPerSecond: info?.framesPerSecond)
        scratch.files.media[absolute] = facts
        return facts
    }

    /// The type of the stage `stage` iterates over (`for_each: ${{ stages.NAME }}`), if any.
    private func upstreamType(of stage: Stage) -> StageType? {
        guard case .stage(let name, _)? = stage.forEach else { return nil }
        return pipeline.stages.first { $0.name == name }?.type
    }

    /// What to add to a name two tasks share: what the template does not use yet.
    static func collisionHint(_ name: ParameterExpression?) -> String {
        var used: Set<[String]> = []
        if case .template(let template, _, _)? = name {
            for case .expression(let expression) in template.parts {
                if let path = expression.referencePath { used.insert(path) }
            }
        }
        let usesStem = used.contains(["item", "stem"]) || used.contains(["item", "name"])
        let usesMatrix = used.contains { $0.count >= 2 && ($0[0] == "matrix" || $0.starts(with: ["item", "matrix"])) }
        switch (usesStem, usesMatrix) {
        case (false, false): return "make the name unique, e.g. add ${{ item.stem }} or ${{ item.matrix.NAME }}"
        case (false, true): return "make the name unique, e.g. add ${{ item.stem }}"
        case (true, false):
            return "both tasks have the same stem: add what tells them apart, e.g. ${{ item.matrix.NAME }}"
        case (true, true):
            return "the name's values are the same for both tasks: add a value that tells them apart"
        }
    }

    /// A task read `path` as a file already there, and the task `writer` of `stage`, planned
    /// after it, writes it: nothing orders the two, so the reader could upload the old file.
    private mutating func reportEarlyRead(of path: String, by reader: Int, writer: String, stage: Stage) {
        let readerStage = tasks[reader].stage
        let location = analyses.first { $0.stage.name == readerStage }?.stage.location ?? stage.location
        let read = "\(tasks[reader].id) reads '\(path)' as a file already there"
        if readerStage == stage.name {
            sink.error(
                .unorderedRead, at: location, "\(read), but '\(writer)', a later task of the same stage, writes it",
                hint: "a task cannot read what a later task of its own stage writes: read it in a stage of its own")
        } else {
            sink.error(
                .unorderedRead, at: location,
                "\(read), but task '\(writer)' writes it, and nothing runs '\(readerStage)' after '\(stage.name)'",
                hint: "add `needs: [\(stage.name)]` to stage '\(readerStage)', or read it through for_each: "
                    + "${{ stages.\(stage.name) }}")
        }
    }

    /// Records the task that writes `path`. Refused: a second task writing it (the first keeps
    /// the path), a file where another task needs a folder (or the other way round), and a path
    /// over the file system's limits.
    private mutating func register(_ path: String, task position: Int, id: String, stage: PreparedStage) {
        let location = stage.stage.parameters["to"]?.location ?? stage.stage.location
        if let problem = lengthProblem(path) {
            sink.error(.unsafePath, at: location, "\(id): \(problem)", hint: "shorten the name or output_dir")
        }
        if !earlyReads.isEmpty, let reader = earlyReads[path], reader != position {
            reportEarlyRead(of: path, by: reader, writer: id, stage: stage.stage)
        }
        if let other = producerByPath.updateValue(position, forKey: path) {
            producerByPath[path] = other
            sink.error(
                .outputCollision, at: location,
                "tasks '\(tasks[other].id)' and '\(id)' would both write '\(path)'",
                hint: Self.collisionHint(stage.stage.parameters["to"]))
            return
        }
        let hint = "a path cannot be both a file and a folder: rename one of them"
        if let other = folderUsers[path] {
            sink.error(
                .outputCollision, at: location,
                "task '\(id)' would write the file '\(path)', but task '\(tasks[other].id)' writes "
                    + "'\(tasks[other].outputPath ?? path)' inside it as a folder",
                hint: hint)
        }
        var folder = PathText.dirname(path)
        while folder != "." && folder != "/" && !folder.isEmpty {
            if let other = producerByPath[folder] {
                sink.error(
                    .outputCollision, at: location,
                    "task '\(id)' would write '\(path)' inside '\(folder)', but task '\(tasks[other].id)' writes "
                        + "'\(folder)' as a file",
                    hint: hint)
                return
            }
            // Its own folders were recorded (and checked) with the first path inside it.
            guard folderUsers[folder] == nil else { break }
            folderUsers[folder] = position
            folder = PathText.dirname(folder)
        }
    }

    /// Why `path` (relative to the pipeline's folder) is too long for the file system, if it is:
    /// a name over 255 bytes, or the whole absolute path over 4,095 bytes (Linux's PATH_MAX).
    private func lengthProblem(_ path: String) -> String? {
        var run = 0
        var longest = 0
        for byte in path.utf8 {
            run = byte == UInt8(ascii: "/") ? 0 : run + 1
            longest = max(longest, run)
        }
        if longest > 255 {
            return "a name in the output path is \(longest) bytes long, over the 255 bytes file systems allow"
        }
        let length = path.utf8.count + (path.hasPrefix("/") ? 0 : rootLength)
        guard length > 4095 else { return nil }
        return "the output path would be \(NumberText.grouped(length)) bytes long, over the 4,095 bytes Linux allows"
    }

    // MARK: - Cache keys

    /// `plan` (made by this planner's pipeline without cache keys, and without errors) with its
    /// cache keys and digests, worked out from the parameters it resolved instead of planning
    /// again; `run.*` in its scope is this planner's run. The keys are those `plan()` gives: the
    /// tasks are visited in the same order, seeing the same upstream outputs. Only for a pipeline
    /// that does not read `run.*` (``Pipeline/readsRun``), whose tasks do not change with the run.
    mutating func addingCacheKeys(to plan: Plan) -> Plan? {
        tasks = plan.tasks
        indexByID = plan.index
        producerByPath.reserveCapacity(tasks.count)
        var position = 0
        for analysis in analyses {
            let stage = analysis.stage
            let prepared = PreparedStage(stage, settings: pipeline.settings, upstream: upstreamType(of: stage))
            // The plan keeps each stage's tasks together, stages in this order.
            var end = position
            while end < tasks.count, tasks[end].stage == stage.name { end += 1 }
            prefetchDigests(prepared, tasks: position..<end)
            let parts = stride(from: position, to: end, by: Self.draftPartLength).map { start in
                start..<min(end, start + Self.draftPartLength)
            }
            let keyedParts =
                parts.count > 1
                ? withUnsafePointer(to: &self) { planner in
                    withUnsafePointer(to: prepared) { stage in
                        let view = DraftingView(planner: planner, context: stage)
                        return Blocking.map(parts) { part in
                            view.planner.pointee.keys(of: part, view.context.pointee)
                        }
                    }
                }
                : parts.map { keys(of: $0, prepared) }
            for part in keyedParts { take(part, prepared) }
            position = end
        }
        // Not this pipeline's plan (or not in its order): the caller plans again instead.
        guard position == tasks.count else { return nil }
        var scope = plan.scope
        scope["run"] = Self.runValue(id: options.runID, date: options.runDate)
        var keyed = Plan(pipeline: pipeline, tasks: tasks, index: indexByID, stages: plan.stages, scope: scope)
        keyed.tier = plan.tier
        keyed.foldersRead = plan.foldersRead
        return keyed
    }

    /// The cache keys of the tasks at `range` (of a plan made without keys), reading only what
    /// the tasks before them have.
    private func keys(of range: Range<Int>, _ prepared: PreparedStage) -> KeyedPart {
        var part = KeyedPart(tasks: range)
        var scratch = DraftScratch()
        part.keys.reserveCapacity(range.count)
        for index in range {
            scratch.localPaths.removeAll(keepingCapacity: true)
            part.keys.append(key(ofTaskAt: index, prepared, scratch: &scratch))
            if prepared.writesPlannedFiles { part.localPaths.append(contentsOf: scratch.localPaths) }
            part.pathEnds.append(part.localPaths.count)
            part.diagnosticEnds.append(scratch.sink.diagnostics.count)
        }
        part.diagnostics = scratch.sink.diagnostics
        part.unreadable = scratch.unreadable
        part.files = scratch.files
        return part
    }

    /// The cache key of the task at `index`, from the parameters it was planned with.
    private func key(ofTaskAt index: Int, _ prepared: PreparedStage, scratch: inout DraftScratch) -> TaskKeys {
        scratch.resolvedValues.removeAll(keepingCapacity: true)
        scratch.fileOrigins.removeAll(keepingCapacity: true)
        for parameter in prepared.parameters {
            let value = tasks[index].parameters[parameter.spec.name]
            scratch.resolvedValues.append(value)
            if case .file = parameter.spec.kind, case .string(let path)? = value {
                scratch.fileOrigins.append(origin(ofFile: path, noting: &scratch.localPaths))
            } else {
                scratch.fileOrigins.append(nil)
            }
        }
        return cacheKey(prepared, scratch: &scratch)
    }

    /// Takes `part`'s keys into the plan, in order, each task's output path registered after its
    /// key, as `plan()` does. A key whose task named a local file an earlier task of its stage
    /// turns out to write is worked out again (its diagnostics too), now that the earlier task's
    /// key is known.
    private mutating func take(_ part: KeyedPart, _ prepared: PreparedStage) {
        for (offset, index) in part.tasks.enumerated() {
            if part.localPaths(ofTaskAt: offset).contains(where: { producerByPath[$0] != nil }) {
                var scratch = DraftScratch()
                tasks[index].keys = key(ofTaskAt: index, prepared, scratch: &scratch)
                for (position, diagnostic) in scratch.sink.diagnostics.enumerated() {
                    report(diagnostic, unreadable: scratch.unreadable[position])
                }
                learn(scratch.files)
            } else {
                tasks[index].keys = part.keys[offset]
                for position in part.diagnostics(ofTaskAt: offset) {
                    report(part.diagnostics[position], unreadable: part.unreadable[position])
                }
            }
            // The plan had no collisions.
            if let path = tasks[index].outputPath, producerByPath[path] == nil { producerByPath[path] = index }
        }
        learn(part.files)
    }

    /// Adds `diagnostic`; one saying the file `unreadable` cannot be read only for the first task
    /// of the plan naming it (an earlier part may have).
    private mutating func report(_ diagnostic: Diagnostic, unreadable absolute: String?) {
        if let absolute {
            if checkedFiles[absolute] != nil { return }
            checkedFiles[absolute] = .some(nil)
        }
        sink.add(diagnostic)
    }

    /// Hashes ahead, on every core, the local files the stage's `tasks` name in file parameters,
    /// for `keyed` to find waiting (as `prefetchFiles` does while planning).
    private mutating func prefetchDigests(_ prepared: PreparedStage, tasks range: Range<Int>) {
        var candidates: [String] = []
        var seen: Set<String> = []
        for parameter in prepared.parameters {
            guard case .file = parameter.spec.kind else { continue }
            for index in range {
                guard case .string(let path)? = tasks[index].parameters[parameter.spec.name],
                    case .local(let absolute) = origin(ofFile: path), checkedFiles[absolute] == nil,
                    prefetchedDigests[absolute] == nil, seen.insert(absolute).inserted
                else { continue }
                candidates.append(absolute)
            }
        }
        guard candidates.count > 1 else { return }
        let digest = options.digest
        let digests = Blocking.map(candidates) { absolute in Result { try digest(absolute) } }
        for (absolute, digest) in zip(candidates, digests) { prefetchedDigests[absolute] = digest }
    }

    /// The task's cache key, and the digests of its inputs and of its other parameters, from the
    /// values `resolveParameters` left.
    private func cacheKey(_ prepared: PreparedStage, scratch: inout DraftScratch) -> TaskKeys {
        let layout = prepared.keyLayout
        scratch.keyWriter.begin(layout)
        for (position, parameter) in layout.parameters.enumerated() {
            guard let resolved = prepared.keyedParameters[position], let value = scratch.resolvedValues[resolved]
            else { continue }
            let entry = keyed(
                value, parameter: parameter, origin: scratch.fileOrigins[resolved], stage: prepared.stage,
                scratch: &scratch)
            scratch.keyWriter.set(position, entry, isInput: parameter.isFile || value.isDeferred)
        }
        return scratch.keyWriter.finish(layout)
    }

    /// What of a parameter value enters the cache key: files by content or by their producer's key.
    private func keyed(
        _ value: Value, parameter: CacheKeyLayout.Parameter, origin: FileOrigin?, stage: Stage,
        scratch: inout DraftScratch
    ) -> CacheKeyWriter.Keyed {
        switch value {
        case .deferred(let deferred):
            guard let producer = indexByID[deferred.producer] else {
                return .output(from: deferred.producer, field: deferred.field)
            }
            return output(of: producer, field: deferred.field)
        case .string(let text):
            guard parameter.isFile else { return .value(value) }
            let absolute: String
            switch origin ?? self.origin(ofFile: text, noting: &scratch.localPaths) {
            case .remote: return .url(text)
            case .produced(let producer): return output(of: producer, field: "path")
            case .local(let path): absolute = path
            }
            if let cached = checkedFiles[absolute] ?? scratch.files.checked[absolute] {
                return .content(sha256: cached ?? "missing")
            }
            let digest: Result<String, any Error>
            if let prefetched = prefetchedDigests[absolute] {
                digest = prefetched
                scratch.files.usedDigests.append(absolute)
            } else {
                let options = options
                digest = Result { try options.digest(absolute) }
            }
            switch digest {
            case .success(let digest):
                scratch.files.checked[absolute] = digest
                return .content(sha256: digest)
            case .failure:
                scratch.files.checked[absolute] = .some(nil)
                let count = scratch.sink.diagnostics.count
                scratch.sink.error(
                    .invalidValue, at: stage.parameters[parameter.name]?.location ?? stage.location,
                    "'\(parameter.name)' names '\(text)', which cannot be read",
                    hint: "paths are relative to the pipeline file's folder")
                if scratch.sink.diagnostics.count > count { scratch.unreadable[count] = absolute }
                return .content(sha256: "missing")
            }
        default:
            return .value(value)
        }
    }

    /// An upstream task's output as a key names it: by the task's key.
    private func output(of producer: Int, field: String) -> CacheKeyWriter.Keyed {
        let keys = tasks[producer].keys
        return keys.hasKey ? .outputOfKey(keys.key, field: field) : .output(from: "", field: field)
    }

    // MARK: - Helpers

    /// `stage[item]{axis=value,…}`
    static func taskID(stage: String, item: String?, matrix: MatrixCell) -> String {
        guard let item else { return stage + matrix.idSuffix }
        var id = stage
        id.reserveCapacity(stage.utf8.count + item.utf8.count + 2 + matrix.idSuffix.utf8.count)
        id += "["
        id += item
        id += "]"
        id += matrix.idSuffix
        return id
    }

    static func runValue(id: String, date: Date) -> Value {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withFullDate]
        let day = formatter.string(from: date)
        formatter.formatOptions = [.withTime, .withColonSeparatorInTime]
        let time = formatter.string(from: date).replacingOccurrences(of: ":", with: "")
        return .object(["id": .string(id), "date": .string(day), "time": .string(time)])
    }
}
