import Foundation
import PipelineBasics
import PipelineEngine
import PipelineLanguage
import PipelineStore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `rename`: puts an upstream file at its final name inside `settings.output_dir`, by copy (a
/// hard link when the file system allows) or move, never writing outside the output folder
/// (the planner rejects `..`, absolute paths and separators in values; ``OutputFolder`` refuses
/// symlinks that lead out before creating anything).
public struct RenameExecutor: StageExecutor {
    public init() {}

    public func execute(_ context: TaskContext) async throws -> TaskResult {
        guard let from = context.string("from"), let relativeTarget = context.task.outputPath else {
            throw TaskFailure("rename needs 'from' and 'to'", retryable: false)
        }
        let source = context.absolutePath(from)
        context.phase(.renaming)
        let mode = context.string("mode") ?? "copy"
        let onExists = context.string("on_exists") ?? "error"
        let outputDirectory = context.outputDirectory
        let plannedTarget = context.absolutePath(relativeTarget)
        // The target this task itself wrote in an earlier run (still as recorded) is replaced
        // whatever on_exists says: on_exists is about files the pipeline did not write.
        let ownEarlierOutput = context.previousFiles.contains {
            $0.path == relativeTarget && Self.size(of: plannedTarget) == $0.bytes
        }
        let result: (String, String) = try await Blocking.run {
            var relative = relativeTarget
            guard FileManager.default.fileExists(atPath: source) else {
                throw TaskFailure("\(from) does not exist", retryable: false)
            }
            // Folders made one level at a time inside the output folder; the physical target path.
            var target = try OutputFolder.prepare(file: plannedTarget, inside: outputDirectory, shown: relativeTarget)
            if Self.entryExists(target), !ownEarlierOutput {
                switch onExists {
                case "skip":
                    return (target, relative)
                case "overwrite":
                    break
                case "version":
                    (target, relative) = Self.nextVersion(of: target, relative: relative)
                default:
                    throw TaskFailure(
                        "\(relative) already exists; set on_exists: overwrite, skip or version to decide",
                        retryable: false)
                }
            }
            if Self.isSymbolicLink(target) {
                throw TaskFailure("\(relative) is a symbolic link; refusing to write through it", retryable: false)
            }
            try Self.place(source, at: target, move: mode == "move")
            return (target, relative)
        }
        let stored = try StoredFile.hashing(absolutePath: result.0, relativePath: result.1)
        return TaskResult(
            outputs: ["path": .string(result.1), "bytes": .number(Double(stored.bytes))], files: [stored])
    }

    static func entryExists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// The size of a regular file (not following a symbolic link), or nil.
    static func size(of path: String) -> Int64? {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int64(info.st_size)
    }

    static func isSymbolicLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }

    /// `name.mp4` → `name-1.mp4`, `name-2.mp4`… the first that does not exist.
    static func nextVersion(of path: String, relative: String) -> (String, String) {
        let ext = PathText.extension(path)
        let suffix = ext.isEmpty ? "" : "." + ext
        let base = ext.isEmpty ? path : String(path.dropLast(suffix.count))
        let relativeBase = ext.isEmpty ? relative : String(relative.dropLast(suffix.count))
        var number = 1
        while entryExists("\(base)-\(number)\(suffix)") { number += 1 }
        return ("\(base)-\(number)\(suffix)", "\(relativeBase)-\(number)\(suffix)")
    }

    /// Hard-links or copies to a temporary name beside the target, then renames over it (atomic).
    static func place(_ source: String, at target: String, move: Bool) throws {
        if move, rename(source, target) == 0 { return }
        let temporary =
            PathText.dirname(target) + "/." + PathText.basename(target) + ".\(UInt32.random(in: 0...UInt32.max)).part"
        defer { unlink(temporary) }
        if link(source, temporary) != 0 {
            do {
                try FileManager.default.copyItem(atPath: source, toPath: temporary)
            } catch {
                throw TaskFailure("cannot copy to \(target): \(error.localizedDescription)", retryable: true)
            }
        }
        guard rename(temporary, target) == 0 else {
            throw TaskFailure("cannot write \(target): \(String(cString: strerror(errno)))", retryable: true)
        }
        if move { unlink(source) }
    }
}
