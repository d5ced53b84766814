/// What a task hands a downstream stage as `item`, kept compact: the lineage of its item, its
/// matrix, its planned output path and its stage type's outputs. The mapping expressions see
/// (`value`) is built only when read.
final class ProducedItem: Sendable {
    let lineage: ItemLineage
    /// The `path` the task's item had, if any; the task's own `path` output replaces it.
    let inheritedPath: Value?
    let matrix: [String: Value]
    /// The id of the task whose outputs these are.
    let producer: String
    let outputs: [OutputSpec]
    let outputPath: String?

    init(
        lineage: ItemLineage, inheritedPath: Value?, matrix: [String: Value], producer: String, outputs: [OutputSpec],
        outputPath: String?
    ) {
        self.lineage = lineage
        self.inheritedPath = inheritedPath
        self.matrix = matrix
        self.producer = producer
        self.outputs = outputs
        self.outputPath = outputPath
    }

    /// Lineage, then `matrix`, then one field per output: known at plan time or deferred.
    var value: Value {
        var fields: [String: Value] = [:]
        fields.reserveCapacity(7 + outputs.count)
        lineage.write(into: &fields)
        if let inheritedPath { fields["path"] = inheritedPath }
        fields["matrix"] = .object(matrix)
        for output in outputs { fields[output.name] = value(of: output) }
        return .object(fields)
    }

    /// The lineage a task working on this item passes on: this one, unless outputs replace its fields.
    var downstreamLineage: ItemLineage {
        guard outputs.contains(where: { output in ItemLineage.fieldNames.contains { $0 == output.name } }) else {
            return lineage
        }
        return ItemLineage(
            stem: self["stem"], name: self["name"], fileExtension: self["extension"], index: self["index"],
            source: self["source"])
    }

    /// `value[field]`, without building the whole mapping.
    subscript(field: String) -> Value? {
        if let output = outputs.first(where: { $0.name == field }) { return value(of: output) }
        if field == "matrix" { return .object(matrix) }
        if field == "path" { return inheritedPath }
        return lineage[field]
    }

    private func value(of output: OutputSpec) -> Value {
        if output.knownAtPlan, let outputPath {
            if output.name == "path" { return .string(outputPath) }
            if output.name == "format" { return .string(PathText.extension(outputPath)) }
        }
        return .deferred(DeferredValue(producer: producer, field: output.name))
    }
}
