import Foundation
import PipelineBasics

/// The language's front door: YAML file → syntax tree → validated pipeline → plan, collecting
/// every diagnostic on the way.
public struct PipelineCompiler: Sendable {
    public var registry: StageTypeRegistry
    public var parser: SyntaxParser

    public init(registry: StageTypeRegistry = .builtIn, parser: SyntaxParser = SyntaxParser()) {
        self.registry = registry
        self.parser = parser
    }

    /// Reads and compiles a pipeline file. Relative paths inside it resolve against its folder.
    public func compile(file path: String, options: PlanOptions = PlanOptions(computeCacheKeys: false)) -> Compilation {
        compile(file: path, options: options, planning: true)
    }

    /// ``compile(file:options:)`` on the blocking thread pool (``Blocking``), awaited: the file
    /// read, globbing, file checks and hashing never hold one of Swift's cooperative threads.
    /// Async callers (the runner, the commands) should use this one.
    /// - Throws: `CancellationError` when the task is cancelled before the work starts.
    public func compileOnThreadPool(
        file path: String, options: PlanOptions = PlanOptions(computeCacheKeys: false)
    ) async throws -> Compilation {
        try await Blocking.run { compile(file: path, options: options) }
    }

    /// Reads and validates a pipeline file without planning it (no globbing, no `env.*`): enough
    /// for its settings and schedule. The compilation's `plan` is `nil`.
    public func decode(file path: String) -> Compilation {
        compile(file: path, options: PlanOptions(computeCacheKeys: false, environment: [:]), planning: false)
    }

    private func compile(file path: String, options: PlanOptions, planning: Bool) -> Compilation {
        // A FIFO or a device would block the read below (or never end): only regular files are read.
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & S_IFMT != S_IFREG {
            let source = SourceFile(path: path, text: "")
            return Compilation(
                source: source, pipeline: nil, plan: nil,
                diagnostics: [
                    .error(.fileUnreadable, at: source.location(line: 1, column: 1), "'\(path)' is not a regular file")
                ])
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let source = SourceFile(path: path, text: "")
            let reason = (error as? CocoaError)?.code == .fileReadNoSuchFile ? "no such file" : "cannot be read"
            return Compilation(
                source: source, pipeline: nil, plan: nil,
                diagnostics: [.error(.fileUnreadable, at: source.location(line: 1, column: 1), "'\(path)': \(reason)")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            let source = SourceFile(path: path, text: String(decoding: data, as: UTF8.self))
            let (line, column) = Self.firstInvalidUTF8(in: data)
            return Compilation(
                source: source, pipeline: nil, plan: nil,
                diagnostics: [
                    .error(.syntax, at: source.location(line: line, column: column), "the file is not valid UTF-8 text")
                ])
        }
        let directory = PathText.dirname(path)
        return compile(
            source: SourceFile(path: path, text: text), baseDirectory: directory, options: options, planning: planning)
    }

    /// Plans a file that ``decode(file:)`` (or an earlier compile) already read and validated,
    /// without reading or parsing it again: the one way a command plans a file more than once
    /// (without cache keys, then with them once the inputs are hashed). The result keeps the
    /// validation's diagnostics and adds the planner's.
    public func plan(_ decoded: Compilation, options: PlanOptions) -> Compilation {
        guard let pipeline = decoded.pipeline, !decoded.validated.diagnostics.contains(where: { $0.severity == .error })
        else { return decoded }
        let clock = ContinuousClock()
        var timings = decoded.timings
        let start = clock.now
        var validator = PipelineValidator(pipeline: pipeline, rejectedStages: decoded.validated.rejectedStages)
        var planner = Planner(pipeline: pipeline, analyses: validator.validate(), options: options)
        let plan = planner.plan()
        timings.plan = clock.now - start
        var planned = Compilation(
            source: decoded.source, pipeline: pipeline, plan: plan,
            diagnostics: decoded.validated.diagnostics + planner.sink.diagnostics, timings: timings)
        planned.validated = decoded.validated
        return planned
    }

    /// `planned` (planned without cache keys, with the same environment and tier as `options`)
    /// with its cache keys, worked out from the tasks it already has rather than planned again:
    /// the same keys, digests and diagnostics as ``plan(_:options:)`` with `options` gives while
    /// the files are as they were. A local file gone since is an error ("cannot be read") where
    /// planning again would leave it out or find it missing: callers plan again then. A pipeline
    /// that reads `run.*` (its tasks change with the run) is planned again here.
    public func addingCacheKeys(to planned: Compilation, options: PlanOptions) -> Compilation {
        guard let pipeline = planned.pipeline, let plan = planned.plan, !planned.hasErrors, !pipeline.readsRun else {
            return self.plan(planned, options: options)
        }
        let clock = ContinuousClock()
        var timings = planned.timings
        let start = clock.now
        var validator = PipelineValidator(pipeline: pipeline, rejectedStages: planned.validated.rejectedStages)
        var planner = Planner(pipeline: pipeline, analyses: validator.validate(), options: options)
        guard let keyed = planner.addingCacheKeys(to: plan) else { return self.plan(planned, options: options) }
        timings.plan += clock.now - start
        var compilation = Compilation(
            source: planned.source, pipeline: pipeline, plan: keyed,
            diagnostics: planned.diagnostics + planner.sink.diagnostics, timings: timings)
        compilation.validated = planned.validated
        return compilation
    }

    /// Compiles pipeline text; `baseDirectory` anchors the relative paths in it.
    public func compile(source: SourceFile, baseDirectory: String, options: PlanOptions) -> Compilation {
        compile(source: source, baseDirectory: baseDirectory, options: options, planning: true)
    }

    private func compile(source: SourceFile, baseDirectory: String, options: PlanOptions, planning: Bool) -> Compilation
    {
        let clock = ContinuousClock()
        var timings = Compilation.Timings()
        var start = clock.now
        let root: SyntaxNode
        switch parser.parse(source) {
        case .success(let node): root = node
        case .failure(let diagnostic):
            return Compilation(source: source, pipeline: nil, plan: nil, diagnostics: [diagnostic])
        }
        timings.parse = clock.now - start
        start = clock.now
        var decoder = PipelineDecoder(
            source: source, baseDirectory: baseDirectory, registry: registry, tier: options.tier)
        let decoded = decoder.decode(root)
        var diagnostics = decoder.sink.diagnostics
        guard let pipeline = decoded else {
            return Compilation(source: source, pipeline: nil, plan: nil, diagnostics: diagnostics)
        }
        var validator = PipelineValidator(pipeline: pipeline, rejectedStages: decoder.rejectedStages)
        let analyses = validator.validate()
        diagnostics += validator.sink.diagnostics
        timings.validate = clock.now - start
        let validated = Compilation.Validated(diagnostics: diagnostics, rejectedStages: decoder.rejectedStages)
        if !planning || diagnostics.contains(where: { $0.severity == .error }) {
            var compilation = Compilation(
                source: source, pipeline: pipeline, plan: nil, diagnostics: diagnostics, timings: timings)
            compilation.validated = validated
            return compilation
        }
        start = clock.now
        var planner = Planner(pipeline: pipeline, analyses: analyses, options: options)
        let plan = planner.plan()
        diagnostics += planner.sink.diagnostics
        timings.plan = clock.now - start
        var compilation = Compilation(
            source: source, pipeline: pipeline, plan: plan, diagnostics: diagnostics, timings: timings)
        compilation.validated = validated
        return compilation
    }

    /// Line and column of the first byte that is not valid UTF-8.
    private static func firstInvalidUTF8(in data: Data) -> (Int, Int) {
        var line = 1
        var column = 1
        var iterator = data.makeIterator()
        var decoder = UTF8()
        while case .scalarValue(let scalar) = decoder.decode(&iterator) {
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }
}

/// The outcome of compiling one pipeline file.
public struct Compilation: Sendable {
    public var source: SourceFile
    /// The validated pipeline, when the file could be decoded.
    public var pipeline: Pipeline?
    /// The plan, when the pipeline had no errors.
    public var plan: Plan?
    public var diagnostics: [Diagnostic]
    /// How long each phase took.
    public var timings = Timings()
    /// What validation left for ``PipelineCompiler/plan(_:options:)`` to plan again without
    /// parsing: its diagnostics (before planning) and the stages it rejected.
    var validated = Validated(diagnostics: [], rejectedStages: [])

    struct Validated: Sendable {
        var diagnostics: [Diagnostic]
        var rejectedStages: Set<String>
    }

    /// Time spent in each phase of compilation.
    public struct Timings: Sendable {
        /// YAML text to syntax tree.
        public var parse: Duration = .zero
        /// Syntax tree to validated pipeline (keys, types, references, graph, expressions).
        public var validate: Duration = .zero
        /// Validated pipeline to plan (globs, tasks, edges, cache keys, credits).
        public var plan: Duration = .zero

        public init() {}
    }

    public init(
        source: SourceFile, pipeline: Pipeline?, plan: Plan?, diagnostics: [Diagnostic], timings: Timings = Timings()
    ) {
        self.source = source
        self.pipeline = pipeline
        self.plan = plan
        self.diagnostics = diagnostics
        self.timings = timings
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
}
