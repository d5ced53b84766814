import Foundation
import PipelineLanguage
import PipelineStore

/// Finds the files `cache gc` may delete: files in the work folder that no cache entry records,
/// and partial files (`.NAME.RANDOM.part`) anywhere in the output folder.
public struct WorkFileSweep: Sendable {
    public struct Found: Sendable, Equatable {
        /// Relative to the pipeline file's folder, like cache entry paths.
        public var path: String
        public var bytes: Int64
    }

    /// The pipeline file's folder (absolute).
    public var base: String
    public var settings: Settings

    public init(base: String, settings: Settings) {
        self.base = base
        self.settings = settings
    }

    /// The files no cache entry of `store` records, and partial files, sorted by path.
    public func unreferenced(in store: any StateStore) async throws -> [Found] {
        let referenced = Set(
            try await store.allCacheEntries().flatMap { $0.files.map { PathText.normalized($0.path) ?? $0.path } })
        return unreferenced(keeping: referenced)
    }

    /// Unreferenced work files and partial files, sorted by path.
    public func unreferenced(keeping referenced: Set<String>) -> [Found] {
        let output = PathText.normalized(settings.outputDirectory) ?? settings.outputDirectory
        let work = PathText.normalized(settings.workDirectory) ?? settings.workDirectory
        var found: [Found] = []
        let root = PathText.join(base, output)
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        while let relative = walker.nextObject() as? String {
            guard walker.fileAttributes?[.type] as? FileAttributeType == .typeRegular else { continue }
            let joined = PathText.join(output, relative)
            let path = PathText.normalized(joined) ?? joined
            let name = PathText.basename(path)
            let isPartial = name.hasPrefix(".") && name.hasSuffix(".part")
            let inWork = path.hasPrefix(work + "/")
            guard isPartial || (inWork && !referenced.contains(path)) else { continue }
            let bytes = (walker.fileAttributes?[.size] as? NSNumber)?.int64Value ?? 0
            found.append(Found(path: path, bytes: bytes))
        }
        return found.sorted { $0.path < $1.path }
    }
}
