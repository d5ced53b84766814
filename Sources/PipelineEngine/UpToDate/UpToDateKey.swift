import Foundation
import PipelineBasics
import PipelineLanguage
import PipelineStore

/// The key of everything besides files that a plan is made from: the pipeline file's text and
/// path, the environment its expressions could read (secret names left out: expressions cannot
/// read them, and their values are never hashed), the options that change tasks (`--tier`,
/// `--allow-unpriced`), this machine, and this very build of the engine (its executable's
/// signature). An ``UpToDateRecord`` holds only for the same key.
public enum UpToDateKey {
    /// The key for running `decoded` with `options`, or `nil` when such a run is never vouched
    /// for: it forces or resubmits work, it is a worker's (its tasks are shared), its tasks
    /// change with the run (it reads `run.*`), or the file has warnings (a run prints them).
    public static func make(decoded: Compilation, options: RunOptions) -> String? {
        guard let pipeline = decoded.pipeline, decoded.diagnostics.isEmpty, !pipeline.readsRun,
            !options.status.force, options.status.forceStages.isEmpty, !options.status.resubmitUncertain,
            options.worker == nil, let engine = engineIdentity
        else { return nil }
        let secrets = pipeline.settings.secretNames
        var material = "pipeline-up-to-date-key 1\n"
        material += "engine \(engine)\nhost \(ProcessIdentity.current.host)\n"
        material += "file \(PathText.absolute(decoded.source.path))\n"
        material += "tier \(options.tier?.rawValue ?? "-")\nallow-unpriced \(options.allowUnpriced)\n"
        for (name, value) in options.environment.sorted(by: { $0.key < $1.key }) where !secrets.contains(name) {
            material += "env \(name.utf8.count) \(name) \(value.utf8.count) \(value)\n"
        }
        material += "text \(decoded.source.text.utf8.count)\n" + decoded.source.text
        return FileSHA256.hex(of: material)
    }

    /// This build of the engine: the running executable's device, inode, size and times.
    static let engineIdentity: String? = {
        #if os(Linux)
            guard let signature = PathSignature.of("/proc/self/exe") else { return nil }
        #else
            guard let path = Bundle.main.executablePath, let signature = PathSignature.of(path) else { return nil }
        #endif
        return "\(signature.device):\(signature.inode):\(signature.size):\(signature.modifiedNanoseconds)"
    }()
}
