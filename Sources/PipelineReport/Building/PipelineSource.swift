import Foundation
import PipelineLanguage
import PipelineStore

/// Where a run's pipeline file is now, its stage graph, and the folder its output paths are relative to.
package struct PipelineSource: Sendable {
    /// The stage graph, when the file could be found and compiled.
    package var graph: StageGraph?
    /// The pipeline file's folder (absolute): cache entries' relative paths resolve against it.
    package var baseDirectory: String
    /// The pipeline file the graph comes from.
    package var file: String?
    /// Remarks for the reader (the file is gone, has errors now, names another pipeline…).
    package var notes: [String]

    /// Creates a source.
    package init(graph: StageGraph?, baseDirectory: String, file: String?, notes: [String] = []) {
        self.graph = graph
        self.baseDirectory = baseDirectory
        self.file = file
        self.notes = notes
    }

    /// Finds the pipeline file of `run`: the compilation given on the command line when it is of the
    /// run's pipeline, else the file the run recorded (as recorded, relative to `currentDirectory`,
    /// then beside the state store's `.pipeline` folder), compiled with `environment`.
    /// - Parameters:
    ///   - run: The run to report.
    ///   - compilation: The compilation of a pipeline file named on the command line, if any.
    ///   - storePath: The state store's absolute path.
    ///   - currentDirectory: The folder relative paths on the command line are relative to.
    ///   - environment: Values of `env.*` for compiling the file (nothing of it goes into the report).
    package static func locate(
        run: RunRecord, compilation: Compilation?, storePath: String, currentDirectory: String,
        environment: [String: String]
    ) -> PipelineSource {
        var notes: [String] = []
        if let compilation, let pipeline = compilation.pipeline, let plan = compilation.plan {
            if pipeline.name == run.pipeline {
                return PipelineSource(
                    graph: StageGraph(plan: plan),
                    baseDirectory: absolute(pipeline.baseDirectory, in: currentDirectory),
                    file: absolute(compilation.source.path, in: currentDirectory))
            }
            notes.append(
                "\(compilation.source.path) is the pipeline '\(pipeline.name)', but run \(run.id) is of '\(run.pipeline)': its graph is not used."
            )
        }
        let candidates = candidateFiles(recorded: run.file, storePath: storePath, currentDirectory: currentDirectory)
        guard let found = candidates.first(where: isRegularFile) else {
            notes.append(
                "The pipeline file \(run.file) is no longer where the run found it: stages are drawn from the run's tasks, without edges."
            )
            return PipelineSource(
                graph: nil, baseDirectory: fallbackBase(candidates: candidates, storePath: storePath), file: nil,
                notes: notes)
        }
        let base = PathText.dirname(found)
        let compiled = PipelineCompiler().compile(
            file: found, options: PlanOptions(computeCacheKeys: false, environment: environment))
        guard let pipeline = compiled.pipeline, let plan = compiled.plan, !compiled.hasErrors else {
            notes.append(
                "The pipeline file \(found) has errors now: stages are drawn from the run's tasks, without edges.")
            return PipelineSource(graph: nil, baseDirectory: base, file: nil, notes: notes)
        }
        guard pipeline.name == run.pipeline else {
            notes.append(
                "The pipeline file \(found) now names the pipeline '\(pipeline.name)', not '\(run.pipeline)': stages are drawn from the run's tasks, without edges."
            )
            return PipelineSource(graph: nil, baseDirectory: base, file: nil, notes: notes)
        }
        return PipelineSource(graph: StageGraph(plan: plan), baseDirectory: base, file: found, notes: notes)
    }

    /// Where the recorded file may be, most likely first, without duplicates.
    static func candidateFiles(recorded: String, storePath: String, currentDirectory: String) -> [String] {
        if recorded.hasPrefix("/") { return [PathText.normalized(recorded) ?? recorded] }
        let root = storeRoot(storePath)
        var result: [String] = []
        for candidate in [
            absolute(recorded, in: currentDirectory), absolute(recorded, in: root),
            absolute(PathText.basename(recorded), in: root),
        ] where !result.contains(candidate) {
            result.append(candidate)
        }
        return result
    }

    /// The folder holding the store's `.pipeline` folder (the pipeline's folder, by default), or the store's folder.
    static func storeRoot(_ storePath: String) -> String {
        let folder = PathText.dirname(storePath)
        return PathText.basename(folder) == ".pipeline" ? PathText.dirname(folder) : folder
    }

    /// A best guess of the pipeline's folder when its file is gone.
    private static func fallbackBase(candidates: [String], storePath: String) -> String {
        let folder = PathText.dirname(storePath)
        if PathText.basename(folder) == ".pipeline" { return PathText.dirname(folder) }
        return PathText.dirname(candidates.first ?? storePath)
    }

    static func absolute(_ path: String, in directory: String) -> String {
        let joined = PathText.resolve(path, against: directory)
        return PathText.normalized(joined) ?? joined
    }

    private static func isRegularFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }
}
