import ArgumentParser
import Foundation
import PipelineEngine
import PipelineLanguage
import PipelineStore

/// Where the history commands (`runs`, `status`, `report`, `cache`) find the state store:
/// `--state PATH` (or a `postgresql://` connection string), else the store named by a pipeline
/// file's `settings.state`, else `.pipeline/state.db` in the current folder.
struct StoreLocation: ParsableArguments {
    @Option(
        help:
            "The state store file or postgresql:// URL (default: the pipeline file's settings.state, or ./.pipeline/state.db)."
    )
    var state: String?

    /// An open store and, when a pipeline file was given, its compilation.
    struct Opened {
        var store: any StateStore
        var location: StateLocation
        var compilation: Compilation?
        /// The pipeline's name, when a pipeline file was given.
        var pipelineName: String? { compilation?.pipeline?.name }
    }

    /// Where the store is for `file` (which may be nil); prints diagnostics and exits 2 when the file is invalid.
    func resolve(
        file: String?
    ) throws -> (
        state: StateLocation, compilation: Compilation?, environment: [String: String]
    ) {
        if let file {
            let decoded = PipelineCompiler().decode(file: file)
            if decoded.pipeline == nil || decoded.hasErrors {
                throw RunCommand.exitCode(for: .invalidPipeline(decoded))
            }
            // The env file's variables too, as a run sees them (`env.*` may name paths); reading
            // history never needs its secrets, so an unreadable env file is not an error here.
            let environment =
                (try? RunEnvironment.resolve(decoded: decoded, envFile: nil).variables)
                ?? ProcessInfo.processInfo.environment
            do {
                let session = try PipelineSession(
                    decoded: decoded, options: RunOptions(statePath: state, environment: environment))
                return (session.state, session.compilation, environment)
            } catch {
                throw RunCommand.exitCode(for: error)
            }
        }
        let text = state ?? Settings.defaultStateFile
        let environment = ProcessInfo.processInfo.environment
        if StateLocation.isConnectionString(text) { return (.postgres(url: text), nil, environment) }
        return (.sqlite(path: PathText.absolute(text)), nil, environment)
    }

    /// Opens the existing store; a missing store is an error (these commands never create one).
    /// With `json`, the error is a JSON object on standard output (`{"error": …}`), for tools.
    func open(file: String?, json: Bool = false) async throws -> Opened {
        guard let opened = try await openIfPresent(file: file) else {
            let message = missingMessage(file: file)
            if json {
                StandardStreams.out(try HistoryJSON.encode(["error": message]))
            } else {
                StandardStreams.error("error: \(message)\n")
            }
            throw PipelineExitCode.invalidFile
        }
        return opened
    }

    /// What to say when there is no store yet.
    func missingMessage(file: String?) -> String {
        let place = (try? resolve(file: file).state.description) ?? state ?? Settings.defaultStateFile
        let hint = file == nil && state == nil ? " (pass the pipeline file or --state PATH)" : ""
        return "no state store at \(place): nothing has run yet\(hint)"
    }

    /// Opens the existing store; `nil` when there is none yet (nothing has run).
    func openIfPresent(file: String?) async throws -> Opened? {
        let (location, compilation, environment) = try resolve(file: file)
        guard StoreOpener.exists(location) else { return nil }
        let store: any StateStore
        do {
            store = try await StoreOpener.open(location, environment: environment)
        } catch {
            StandardStreams.error("error: \(error)\n")
            throw PipelineExitCode.taskFailures
        }
        await Self.closeCrashedRuns(in: store)
        return Opened(store: store, location: location, compilation: compilation)
    }

    /// Closes, as `crashed`, the runs whose process died (SIGKILL, a power cut) with the credits
    /// their paid jobs recorded, so history tells the truth whoever opens the store next; says so
    /// on standard error. A store that cannot be written (read-only) is still read, with a note.
    static func closeCrashedRuns(in store: some StateStore) async {
        let closed: [RunRecord]
        do {
            closed = try await store.closeAbandonedRuns(pipeline: nil, at: Date())
        } catch {
            StandardStreams.error("note: could not close the runs whose process died: \(error)\n")
            return
        }
        for run in closed {
            StandardStreams.error(
                "note: run \(run.id) of \(run.pipeline) (\(run.process)) ended without closing (its process died); closed as crashed, \(run.totals.creditsSpent) credits charged\n"
            )
        }
    }
}
