import MagicHourRules

/// Turns a syntax tree into a `Pipeline`, checking every key, type and literal value and
/// reporting all problems at once. Cross-stage checks live in `PipelineValidator`.
struct PipelineDecoder {
    let source: SourceFile
    let baseDirectory: String
    let registry: StageTypeRegistry
    var sink = DiagnosticSink()
    /// Stages declared but left out of the pipeline (their error is reported): references to
    /// them are not reported again as unknown.
    var rejectedStages: Set<String> = []
    /// The tier the per-model rules assume (`--tier`, the account's, else `settings.tier`).
    var tier: AccountTier?
    /// Whether the file has a `schedule:` (unattended runs: an unpinned model warns more).
    var isScheduled = false
    private let tierOverride: AccountTier?

    init(source: SourceFile, baseDirectory: String, registry: StageTypeRegistry, tier: AccountTier? = nil) {
        self.source = source
        self.baseDirectory = baseDirectory
        self.registry = registry
        self.tierOverride = tier
    }

    mutating func decode(_ root: SyntaxNode) -> Pipeline? {
        guard let pairs = root.pairs else {
            sink.error(
                .wrongType, at: root.location,
                "a pipeline file must be a mapping of keys, found \(root.kindDescription)",
                hint: "start with 'version: 1'")
            return nil
        }
        checkKeys(pairs, allowed: LanguageKeys.topLevel, in: "the pipeline")

        var version = 1
        if let node = root["version"] {
            if let number = integer(node, "version") {
                version = number
                if number != 1 {
                    sink.error(
                        .unsupportedVersion, at: node.location, "version \(number) is not supported",
                        hint: "this release reads version 1")
                }
            }
        } else {
            sink.error(
                .missingKey, at: root.location, "the pipeline has no 'version'", hint: "add 'version: 1' at the top")
        }

        let fileStem = PathText.stem(source.path)
        var name = fileStem
        if let node = root["name"], let text = string(node, "name") {
            if text.isEmpty || text.contains("/") || text.contains("\0") {
                sink.error(.invalidValue, at: node.location, "the name must be non-empty and contain no '/'")
            } else {
                name = text
            }
        }

        let settings = root["settings"].map { decodeSettings($0) } ?? Settings(outputDirectory: "out/\(name)")
        var resolvedSettings = settings
        if root["settings"]?["output_dir"] == nil { resolvedSettings.outputDirectory = "out/\(name)" }
        tier = tierOverride ?? settings.tier
        isScheduled = root["schedule"] != nil
        let schedule = root["schedule"].flatMap { decodeSchedule($0) }
        let inputs = root["inputs"].map { decodeInputs($0) } ?? []

        var stages: [Stage] = []
        if let node = root["stages"] {
            if let stagePairs = node.pairs {
                if stagePairs.isEmpty {
                    sink.error(.missingKey, at: node.location, "'stages' is empty", hint: "declare at least one stage")
                }
                for pair in stagePairs {
                    if let stage = decodeStage(pair) {
                        stages.append(stage)
                    } else {
                        rejectedStages.insert(pair.key)
                    }
                }
            } else if !isNull(node) {
                sink.error(
                    .wrongType, at: node.location,
                    "'stages' must be a mapping of stage names to stages, found \(node.kindDescription)")
            } else {
                sink.error(.missingKey, at: node.location, "'stages' is empty", hint: "declare at least one stage")
            }
        } else {
            sink.error(.missingKey, at: root.location, "the pipeline has no 'stages'", hint: "add a 'stages:' mapping")
        }
        return Pipeline(
            file: source.path, baseDirectory: baseDirectory, version: version, name: name, schedule: schedule,
            settings: resolvedSettings, inputs: inputs, stages: stages)
    }

    // MARK: - Settings and schedule

    private mutating func decodeSettings(_ node: SyntaxNode) -> Settings {
        var settings = Settings(outputDirectory: "")
        guard let pairs = mapping(node, "settings") else { return settings }
        checkKeys(pairs, allowed: LanguageKeys.settings, in: "settings")
        if let value = node["output_dir"], let text = string(value, "output_dir") {
            if text.isEmpty {
                sink.error(.invalidValue, at: value.location, "'output_dir' must not be empty")
            } else {
                settings.outputDirectory = text
            }
        }
        if let value = node["max_parallel"], let number = integer(value, "max_parallel") {
            if LanguageLimits.maxParallel.contains(number) {
                settings.maxParallel = number
            } else {
                sink.error(
                    .invalidValue, at: value.location,
                    "'max_parallel' must be \(LanguageLimits.text(LanguageLimits.maxParallel)), got \(number)")
            }
        }
        if let value = node["budget_credits"], let number = integer(value, "budget_credits") {
            if number >= 0 {
                settings.budgetCredits = number
            } else {
                sink.error(.invalidValue, at: value.location, "'budget_credits' must not be negative")
            }
        }
        settings.fleet = decodeFleetLimits(node)
        if let value = node["state"], let text = string(value, "state"), !text.isEmpty { settings.stateFile = text }
        if let value = node["env_file"], let text = string(value, "env_file"), !text.isEmpty {
            settings.envFile = text
            settings.envFileLocation = value.location
        }
        if let value = node["max_tasks"], let number = integer(value, "max_tasks") {
            if number >= 1 {
                settings.maxTasks = number
            } else {
                sink.error(.invalidValue, at: value.location, "'max_tasks' must be at least 1, got \(number)")
            }
        }
        if let value = node["secrets"] {
            var names: [String] = []
            for element in value.elements ?? [value] {
                guard let name = string(element, "secrets") else { continue }
                if Self.isEnvironmentName(name) {
                    names.append(name)
                } else {
                    sink.error(
                        .invalidValue, at: element.location, "'\(name)' is not an environment variable name",
                        hint: "letters, digits and _, not starting with a digit")
                }
            }
            settings.secrets = names
        }
        if let value = node["tier"], let text = string(value, "tier") {
            if let tier = AccountTier(rawValue: text) {
                settings.tier = tier
            } else {
                sink.error(
                    .invalidValue, at: value.location, "'tier' must be one of \(AccountTier.namesText), got '\(text)'")
            }
        }
        if let value = node["prices"] { settings.prices = decodePrices(value) }
        return settings
    }

    private mutating func decodeSchedule(_ node: SyntaxNode) -> Schedule? {
        guard let pairs = mapping(node, "schedule") else { return nil }
        checkKeys(pairs, allowed: LanguageKeys.schedule, in: "schedule")
        var overlap = Schedule.OverlapPolicy.skip
        if let value = node["overlap"], let text = string(value, "overlap") {
            if let policy = Schedule.OverlapPolicy(rawValue: text) {
                overlap = policy
            } else {
                sink.error(
                    .invalidValue, at: value.location, "'overlap' must be skip or wait, got '\(text)'",
                    hint: Suggestion.didYouMean(text, among: ["skip", "wait"]))
            }
        }
        var waitTimeout = Schedule.defaultWaitTimeout
        if let value = node["wait_timeout"],
            let seconds = duration(value, "wait_timeout", maximum: DurationText.longestWait)
        {
            waitTimeout = seconds
        }
        guard let cronNode = node["cron"] else {
            sink.error(
                .missingKey, at: node.location, "'schedule' has no 'cron'", hint: "for example cron: \"0 6 * * 1-5\"")
            return nil
        }
        guard let text = string(cronNode, "cron") else { return nil }
        do throws(ExpressionError) {
            let cron = try CronExpression(parsing: text)
            if let problem = cron.neverFiresProblem { throw problem }
            return Schedule(cron: cron, overlap: overlap, waitTimeout: waitTimeout, location: cronNode.location)
        } catch {
            sink.error(
                error.code, at: exactLocation(cronNode, offset: error.offset),
                "invalid cron expression: \(error.message)", hint: error.hint)
            return nil
        }
    }

    // MARK: - Inputs

    private mutating func decodeInputs(_ node: SyntaxNode) -> [InputDefinition] {
        guard let pairs = mapping(node, "inputs") else { return [] }
        var inputs: [InputDefinition] = []
        for pair in pairs {
            guard Self.isValidName(pair.key) else {
                sink.error(
                    .invalidValue, at: pair.keyLocation, "'\(pair.key)' is not a valid input name",
                    hint: "use letters, digits, _ and -, starting with a letter")
                continue
            }
            let value = pair.value
            if let elements = value.elements {
                inputs.append(
                    InputDefinition(name: pair.key, source: .values(elements.map(literal)), location: pair.keyLocation))
                continue
            }
            guard let fields = value.pairs else {
                sink.error(
                    .wrongType, at: value.location,
                    "input '\(pair.key)' must be a mapping with glob, files or values, found \(value.kindDescription)",
                    hint: "for example: \(pair.key): { glob: \"images/*.png\" }")
                continue
            }
            checkKeys(fields, allowed: LanguageKeys.input, in: "input '\(pair.key)'")
            let kinds = ["glob", "files", "values"].filter { value[$0] != nil }
            guard kinds.count == 1 else {
                sink.error(
                    .invalidValue, at: pair.keyLocation,
                    kinds.isEmpty
                        ? "input '\(pair.key)' needs one of glob, files or values"
                        : "input '\(pair.key)' has both \(kinds.joined(separator: " and ")); keep one")
                continue
            }
            if value["exclude"] != nil, kinds[0] != "glob" {
                sink.error(.invalidValue, at: value["exclude"]!.location, "'exclude' goes with 'glob' only")
            }
            var ifEmpty = EmptyInputPolicy.warn
            if let policyNode = value["if_empty"] {
                if kinds[0] != "glob" {
                    sink.error(.invalidValue, at: policyNode.location, "'if_empty' goes with 'glob' only")
                } else if let text = string(policyNode, "if_empty") {
                    if let policy = EmptyInputPolicy(rawValue: text) {
                        ifEmpty = policy
                    } else {
                        let allowed = EmptyInputPolicy.allCases.map(\.rawValue)
                        sink.error(
                            .invalidValue, at: policyNode.location,
                            "'if_empty' must be \(allowed.joined(separator: ", ")), got '\(text)'",
                            hint: Suggestion.didYouMean(text, among: allowed))
                    }
                }
            }
            switch kinds[0] {
            case "glob":
                let globNode = value["glob"]!
                guard let pattern = string(globNode, "glob") else { continue }
                if pattern.isEmpty {
                    sink.error(.invalidValue, at: globNode.location, "the glob pattern is empty")
                    continue
                }
                let excludes = value["exclude"].map { stringList($0, "exclude") } ?? []
                inputs.append(
                    InputDefinition(
                        name: pair.key, source: .glob(pattern: pattern, exclude: excludes, location: globNode.location),
                        location: pair.keyLocation, ifEmpty: ifEmpty))
            case "files":
                let filesNode = value["files"]!
                guard let elements = filesNode.elements else {
                    sink.error(
                        .wrongType, at: filesNode.location,
                        "'files' must be a list of paths, found \(filesNode.kindDescription)")
                    continue
                }
                var files: [(path: String, location: SourceLocation)] = []
                for element in elements {
                    if let path = string(element, "a file path") { files.append((path, element.location)) }
                }
                inputs.append(InputDefinition(name: pair.key, source: .files(files), location: pair.keyLocation))
            default:
                let valuesNode = value["values"]!
                guard let elements = valuesNode.elements else {
                    sink.error(
                        .wrongType, at: valuesNode.location,
                        "'values' must be a list, found \(valuesNode.kindDescription)")
                    continue
                }
                inputs.append(
                    InputDefinition(name: pair.key, source: .values(elements.map(literal)), location: pair.keyLocation))
            }
        }
        return inputs
    }

    // MARK: - Shared readers

    /// `NAME` of an environment variable: ASCII letters, digits and `_`, not starting with a digit.
    static func isEnvironmentName(_ name: String) -> Bool {
        guard let first = name.utf8.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
            return false
        }
        return name.utf8.allSatisfy { byte in
            byte == UInt8(ascii: "_") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
        }
    }

    static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.properties.isAlphabetic, first.isASCII else { return false }
        return name.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-")
        }
            && name.count <= 64
    }

    mutating func checkKeys(_ pairs: [SyntaxNode.Pair], allowed: [(key: String, summary: String)], in context: String) {
        let names = LanguageKeys.names(allowed)
        for pair in pairs where !names.contains(pair.key) && !pair.key.hasPrefix("x-") {
            sink.error(
                .unknownKey, at: pair.keyLocation, "unknown key '\(pair.key)' in \(context)",
                hint: Suggestion.didYouMean(pair.key, among: names) ?? "allowed keys: " + names.joined(separator: ", "))
        }
    }

    func isNull(_ node: SyntaxNode) -> Bool {
        node.scalar?.kind == .null
    }

    mutating func mapping(_ node: SyntaxNode, _ what: String) -> [SyntaxNode.Pair]? {
        if let pairs = node.pairs { return pairs }
        if isNull(node) { return [] }
        sink.error(.wrongType, at: node.location, "'\(what)' must be a mapping, found \(node.kindDescription)")
        return nil
    }

    mutating func string(_ node: SyntaxNode, _ what: String) -> String? {
        guard let scalar = node.scalar, scalar.kind != .null else {
            sink.error(.wrongType, at: node.location, "'\(what)' must be text, found \(node.kindDescription)")
            return nil
        }
        return scalar.text
    }

    mutating func integer(_ node: SyntaxNode, _ what: String) -> Int? {
        guard let scalar = node.scalar, scalar.kind == .integer || scalar.kind == .float,
            let value = Double(scalar.text.replacingOccurrences(of: "_", with: "")), value.rounded() == value
        else {
            sink.error(.wrongType, at: node.location, "'\(what)' must be a whole number, found \(node.kindDescription)")
            return nil
        }
        // Checked before the conversion, which would trap on 1e20.
        guard abs(value) < 1e15 else {
            sink.error(
                .invalidValue, at: node.location, "'\(what)' is out of range: \(scalar.text) has more than 15 digits")
            return nil
        }
        return Int(value)
    }

    /// A positive duration in seconds, at most `maximum` (the engine turns durations into
    /// nanosecond counts, which a huge value would overflow).
    mutating func duration(_ node: SyntaxNode, _ what: String, maximum: Double) -> Double? {
        guard let scalar = node.scalar, scalar.kind != .null, let seconds = DurationText.seconds(scalar.text),
            seconds > 0
        else {
            sink.error(
                .invalidDuration, at: node.location, "'\(what)' must be a duration such as 90s, 20m or 1h30m",
                hint: "units are ms, s, m, h and d")
            return nil
        }
        guard seconds <= maximum else {
            sink.error(
                .invalidDuration, at: node.location,
                "'\(what)' must be at most \(DurationText.describe(maximum)), got \(scalar.text)")
            return nil
        }
        return seconds
    }

    mutating func stringList(_ node: SyntaxNode, _ what: String) -> [String] {
        if let elements = node.elements { return elements.compactMap { string($0, what) } }
        return string(node, what).map { [$0] } ?? []
    }

    /// A YAML node as a plain value (no templates).
    func literal(_ node: SyntaxNode) -> Value {
        switch node.content {
        case .scalar(let scalar):
            switch scalar.kind {
            case .null: return .null
            case .boolean: return .bool(["true", "yes", "on"].contains(scalar.text.lowercased()))
            case .integer, .float:
                // `1_000` is a number; most numbers have no `_` to take out.
                let digits =
                    scalar.text.utf8.contains(UInt8(ascii: "_")) ? scalar.text.filter { $0 != "_" } : scalar.text
                return Double(digits).map(Value.number) ?? .string(scalar.text)
            case .string: return .string(scalar.text)
            }
        case .sequence(let elements): return .list(elements.map(literal))
        case .mapping(let pairs):
            var fields: [String: Value] = [:]
            for pair in pairs { fields[pair.key] = literal(pair.value) }
            return .object(fields)
        }
    }

    /// The column of `offset` within a scalar's text, when it can be known exactly.
    func exactLocation(_ node: SyntaxNode, offset: Int) -> SourceLocation {
        guard let scalar = node.scalar, scalar.isInline else { return node.location }
        return node.location.advanced(by: offset + (scalar.isQuoted ? 1 : 0))
    }
}
