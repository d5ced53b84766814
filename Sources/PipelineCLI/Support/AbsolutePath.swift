import Foundation
import PipelineLanguage

/// Absolute, lexically normalized paths (symbolic links are kept: a pipeline reached through a
/// link resolves its relative paths against the link's folder).
enum AbsolutePath {
    /// `path` made absolute against the current folder, without `.` and `..` segments.
    static func of(_ path: String) -> String {
        let joined = PathText.resolve(path, against: FileManager.default.currentDirectoryPath)
        return PathText.normalized(joined) ?? joined
    }

    /// The running `pipeline` executable (through `/proc/self/exe`, so a PATH lookup or a
    /// relative invocation still gives the real file).
    static var executable: String {
        if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"),
            target.hasPrefix("/")
        {
            return target
        }
        return of(CommandLine.arguments[0])
    }
}
