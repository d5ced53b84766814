import Foundation
import PipelineBasics

/// What a pipeline's last complete run left in the state store so that the next run can tell,
/// without planning, that it has nothing to do: the key of everything the plan was made from
/// (``UpToDateKey``), every path whose state the plan and its cache hits depended on (the folders
/// its globs listed, its input files, every cached output file) with its signature, and the
/// tasks and stages to report as cached.
///
/// A run whose key is the same and whose paths all have the same signatures would plan the very
/// same tasks and find each of them cached: it reports them so and records the run, writing one
/// run row, and plans nothing. Any difference (a file touched, a folder gaining a file, another
/// environment, another build of the engine) and it plans as before.
public struct UpToDateRecord: Sendable, Equatable {
    /// One stage, in the plan's order.
    public struct Stage: Sendable, Equatable {
        public var name: String
        public var typeName: String
        /// Its tasks' ids, in the plan's order.
        public var taskIDs: [String]
    }

    /// One path the record vouches for, and its signature then (`nil`: it was not there).
    public struct Watched: Sendable, Equatable {
        public var path: String
        public var signature: PathSignature?
    }

    /// ``UpToDateKey`` of the run that wrote it.
    public var key: String
    /// Whether some task calls the Magic Hour API (a run then needs its key, even with nothing to do).
    public var callsMagicHour: Bool
    public var stages: [Stage]
    public var watched: [Watched]

    public var taskCount: Int { stages.reduce(0) { $0 + $1.taskIDs.count } }

    /// Whether every watched path still has its signature; stops at the first that does not.
    public func pathsUnchanged() -> Bool {
        watched.allSatisfy { PathSignature.of($0.path) == $0.signature }
    }

    // MARK: Bytes

    private static let magic = "pipeline-up-to-date"
    private static let formatVersion: UInt64 = 1

    public func encoded() -> Data {
        var writer = RecordWriter()
        writer.text(Self.magic)
        writer.integer(Self.formatVersion)
        writer.text(key)
        writer.integer(UInt64(callsMagicHour ? 1 : 0))
        writer.integer(stages.count)
        for stage in stages {
            writer.text(stage.name)
            writer.text(stage.typeName)
            writer.integer(stage.taskIDs.count)
            for id in stage.taskIDs { writer.text(id) }
        }
        writer.integer(watched.count)
        for entry in watched {
            writer.text(entry.path)
            guard let signature = entry.signature else {
                writer.integer(UInt64(0))
                continue
            }
            writer.integer(UInt64(signature.kind.rawValue))
            writer.integer(signature.device)
            writer.integer(signature.inode)
            writer.integer(signature.size)
            writer.integer(signature.modifiedNanoseconds)
            writer.integer(signature.changedNanoseconds)
        }
        return Data(writer.bytes)
    }

    /// Reads ``encoded()``'s bytes; `nil` for anything else (another format version, damage).
    public init?(decoding data: Data) {
        var reader = RecordReader(data)
        guard reader.text() == Self.magic, reader.unsigned() == Self.formatVersion, let key = reader.text(),
            let calls = reader.unsigned(), calls <= 1, let stageCount = reader.count(limit: reader.remaining)
        else { return nil }
        var stages: [Stage] = []
        stages.reserveCapacity(stageCount)
        for _ in 0..<stageCount {
            guard let name = reader.text(), let typeName = reader.text(),
                let taskCount = reader.count(limit: reader.remaining / 8)
            else { return nil }
            var ids: [String] = []
            ids.reserveCapacity(taskCount)
            for _ in 0..<taskCount {
                guard let id = reader.text() else { return nil }
                ids.append(id)
            }
            stages.append(Stage(name: name, typeName: typeName, taskIDs: ids))
        }
        guard let watchedCount = reader.count(limit: reader.remaining / 16) else { return nil }
        var watched: [Watched] = []
        watched.reserveCapacity(watchedCount)
        for _ in 0..<watchedCount {
            guard let path = reader.text(), let rawKind = reader.unsigned() else { return nil }
            if rawKind == 0 {
                watched.append(Watched(path: path, signature: nil))
                continue
            }
            guard let kind = UInt8(exactly: rawKind).flatMap(PathSignature.Kind.init(rawValue:)),
                let device = reader.unsigned(), let inode = reader.unsigned(), let size = reader.signed(),
                let modified = reader.signed(), let changed = reader.signed()
            else { return nil }
            watched.append(
                Watched(
                    path: path,
                    signature: PathSignature(
                        kind: kind, device: device, inode: inode, size: size, modifiedNanoseconds: modified,
                        changedNanoseconds: changed)))
        }
        guard reader.isAtEnd else { return nil }
        self.init(key: key, callsMagicHour: calls == 1, stages: stages, watched: watched)
    }

    public init(key: String, callsMagicHour: Bool, stages: [Stage], watched: [Watched]) {
        self.key = key
        self.callsMagicHour = callsMagicHour
        self.stages = stages
        self.watched = watched
    }
}
