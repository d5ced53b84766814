import Foundation
import PipelineBasics
import PipelineLanguage
import PipelineStore

/// Reads, writes and drops pipelines' ``UpToDateRecord``s in a state store.
public struct UpToDateLedger: Sendable {
    public let store: any StateStore
    /// A path changed this recently when a record is made keeps the record from being written: a
    /// rewrite within the file system's timestamp granularity could leave its signature as it was
    /// (as ``FileFingerprinter/racyWindow`` does for fingerprints).
    public var racyWindow: Duration = .seconds(2)

    public init(store: any StateStore) {
        self.store = store
    }

    /// `pipeline`'s record, when it was made with `key` and every path it watches is unchanged.
    public func valid(pipeline: String, key: String) async throws -> UpToDateRecord? {
        guard let data = try await store.upToDateRecord(pipeline: pipeline),
            let record = UpToDateRecord(decoding: data), record.key == key,
            try await Blocking.run({ record.pathsUnchanged() })
        else { return nil }
        return record
    }

    /// Drops `pipeline`'s record (a run that may change what it vouches for is starting).
    public func forget(pipeline: String) async throws {
        try await store.saveUpToDateRecord(pipeline: pipeline, nil)
    }

    /// The record of a run of `prepared` that ended with every task succeeded or cached, or
    /// `nil` when it cannot vouch for it: a folder or input changed since it was read, an output
    /// is not as its cache entry says, or a path changed within ``racyWindow``.
    ///
    /// - Parameters:
    ///   - key: ``UpToDateKey`` of the run.
    ///   - inputs: the input files' signatures taken before they were hashed.
    func record(
        of prepared: PreparedRun, key: String, inputs: [String: PathSignature?], callsMagicHour: Bool
    ) async throws -> UpToDateRecord? {
        let plan = prepared.plan
        // A cached task's entry is the one its disposition holds (the run held the lock, so it is
        // still the store's); only the tasks that ran are looked up.
        let ran = plan.tasks.indices.filter { index in
            if case .cached? = prepared.dispositions[position: index] { return false }
            return true
        }.map { plan.tasks[$0] }
        let entries = CacheEntryIndex(ran.isEmpty ? [:] : try await store.cacheEntries(keys: ran.map(\.cacheKey)))
        let racyWindow = racyWindow
        return try await Blocking.run {
            let base = PathText.absolute(plan.pipeline.baseDirectory)
            let now = Int64(Date().timeIntervalSince1970 * 1e9)
            let racy = racyWindow.components.seconds * 1_000_000_000 + racyWindow.components.attoseconds / 1_000_000_000
            var watched: [UpToDateRecord.Watched] = []
            watched.reserveCapacity(plan.foldersRead.count + inputs.count + plan.tasks.count)
            // Seen now (`current`) as when it was read, and not so recently changed that a change could hide.
            func unchanged(_ path: String, since signature: PathSignature?, current: PathSignature?) -> Bool {
                guard current == signature else { return false }
                if let signature, now - signature.latestNanoseconds < racy { return false }
                watched.append(UpToDateRecord.Watched(path: path, signature: signature))
                return true
            }
            for (folder, signature) in plan.foldersRead.sorted(by: { $0.key < $1.key }) {
                let path = PathText.absolute(folder)
                guard unchanged(path, since: signature, current: PathSignature.of(path)) else { return nil }
            }
            for path in plan.sourceFiles {
                guard let signature = inputs[path], unchanged(path, since: signature, current: PathSignature.of(path))
                else { return nil }
            }
            for (index, task) in plan.tasks.enumerated() {
                let location = task.outputPath ?? ""
                let entry: CacheEntry?
                if case .cached(let cached)? = prepared.dispositions[position: index] {
                    entry = cached
                } else {
                    entry = entries.entry(key: task.cacheKey, location: location)
                }
                guard let entry else { return nil }
                for file in entry.files {
                    let path = PathText.resolve(file.path, against: base)
                    guard let signature = PathSignature.of(path), signature.kind == .file,
                        signature.size == file.bytes, unchanged(path, since: signature, current: signature)
                    else { return nil }
                }
            }
            return UpToDateRecord(
                key: key, callsMagicHour: callsMagicHour,
                stages: plan.stages.map { .init(name: $0.name, typeName: $0.typeName, taskIDs: $0.taskIDs) },
                watched: watched)
        }
    }

    /// Saves `record` as `pipeline`'s.
    func save(_ record: UpToDateRecord, pipeline: String) async throws {
        try await store.saveUpToDateRecord(pipeline: pipeline, record.encoded())
    }
}
