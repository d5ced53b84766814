import Foundation
import Testing

/// The README documents every option of every command, read from the commands' own
/// declarations (`--experimental-dump-help`, swift-argument-parser's description of them).
@Suite struct ReadmeOptionsTests {
    /// `(command path, --option)` for every long option of every subcommand.
    static func declaredOptions() async throws -> [(command: String, option: String)] {
        let result = try await CommandRunner.run(["--experimental-dump-help"])
        #expect(result.status == 0)
        let root = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        var found: [(String, String)] = []
        func walk(_ command: [String: Any], path: [String]) {
            for argument in command["arguments"] as? [[String: Any]] ?? [] {
                for name in argument["names"] as? [[String: Any]] ?? [] where name["kind"] as? String == "long" {
                    guard let text = name["name"] as? String, !["version", "help"].contains(text) else { continue }
                    found.append((path.joined(separator: " "), "--" + text))
                }
            }
            for sub in command["subcommands"] as? [[String: Any]] ?? [] {
                walk(sub, path: path + [sub["commandName"] as? String ?? "?"])
            }
        }
        walk(try #require(root["command"] as? [String: Any]), path: ["pipeline"])
        return found
    }

    @Test func everyOptionOfEveryCommandIsInTheReadme() async throws {
        let readme = try String(contentsOfFile: CommandRunner.repository + "/README.md", encoding: .utf8)
        let options = try await Self.declaredOptions()
        #expect(options.count > 40, "the commands' declarations were not read")
        let missing = options.filter { !readme.contains("`\($0.option)") && !readme.contains(" \($0.option)") }
        #expect(missing.isEmpty, "not in the README: \(missing.map { "\($0.command) \($0.option)" })")
    }
}
