import PipelineLanguage
import PipelineStore

/// How a task's outputs are kept in a cache entry: its output fields, plus the digests of its
/// inputs and parameters under `$key`, so a later plan can say which of the two changed.
enum CacheRecord {
    private static let keyField = "$key"

    /// The JSON stored in ``CacheEntry/outputsJSON``.
    static func outputsJSON(_ outputs: [String: Value], task: PlannedTask) -> String {
        var fields = outputs
        fields[keyField] = .object(["inputs": .string(task.inputsDigest), "parameters": .string(task.parametersDigest)])
        return Value.object(fields).canonicalJSON
    }

    /// The output fields (what `item` holds downstream), without the digests.
    static func outputs(fromJSON json: String) -> [String: Value] {
        guard case .object(var fields)? = try? Value(json: json) else { return [:] }
        fields[keyField] = nil
        return fields
    }

    /// Why a task whose key changed since `previous` runs again.
    static func reason(for task: PlannedTask, previous: CacheEntry) -> RunReason {
        guard case .object(let fields)? = try? Value(json: previous.outputsJSON),
            case .object(let digests)? = fields[keyField],
            let inputs = digests["inputs"]?.stringValue, let parameters = digests["parameters"]?.stringValue
        else { return .changed }
        switch (inputs != task.inputsDigest, parameters != task.parametersDigest) {
        case (true, false): return .inputChanged
        case (false, true): return .parametersChanged
        default: return .changed
        }
    }
}
