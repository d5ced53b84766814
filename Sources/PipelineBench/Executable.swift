import ArgumentParser
import Foundation
import Subprocess
import SystemPackage

/// Finding and running other programs.
enum Executable {
    /// This binary's path (to re-run it as a worker or a child fake).
    static var current: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    /// The first `name` on `PATH` that can be run.
    static func find(_ name: String) -> String? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// Runs a program to completion (swift-subprocess) and returns its standard output.
    /// - Throws: `ValidationError` naming the exit status and what the program wrote to standard
    ///   error when it fails; swift-subprocess's error when it cannot start.
    static func run(_ path: String, _ arguments: [String]) async throws -> String {
        let result = try await Subprocess.run(
            .path(FilePath(path)), arguments: Arguments(arguments), output: .string(limit: 64 << 20),
            error: .string(limit: 1 << 20))
        guard result.terminationStatus.isSuccess else {
            let message = result.standardError.trimmingCharacters(in: .whitespacesAndNewlines)
            throw ValidationError(
                "\(path) exited with \(result.terminationStatus)" + (message.isEmpty ? "" : ": \(message)"))
        }
        return result.standardOutput
    }
}
