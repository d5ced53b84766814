import Foundation
import Testing

/// What the layers below the CLI may say and use: their messages name a problem and, for a fix
/// only the CLI can spell, a `Remedy` phrase; processes run through swift-subprocess.
@Suite struct LayerBoundaryTests {
    /// The modules below the CLI (PipelineReport is left out: its CSS writes `var(--name)`).
    static let lowerModules = [
        "PipelineBasics", "PipelineEngine", "PipelineStore", "PipelinePostgres", "PipelineLanguage", "PipelineStages",
        "PipelineImaging", "PipelineMedia", "MagicHour", "MagicHourRules", "MagicHourFake", "SecretRedaction",
    ]

    @Test func noLowerLayerNamesACommandLineFlagInAStringLiteral() throws {
        var offenders: [String] = []
        for module in Self.lowerModules {
            for file in RepositoryFiles.swiftFiles(under: "Sources/" + module) {
                let lines = try RepositoryFiles.text(file).split(separator: "\n", omittingEmptySubsequences: false)
                for (number, line) in lines.enumerated() where !Self.flags(inLiteralsOf: String(line)).isEmpty {
                    offenders.append("\(file):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
                }
            }
        }
        #expect(
            offenders.isEmpty,
            "name the problem (and a Remedy phrase) instead; the CLI adds the flag:\n\(offenders.joined(separator: "\n"))"
        )
    }

    @Test func findsFlagsInsideStringLiteralsOnly() {
        #expect(Self.flags(inLiteralsOf: #"let m = "rerun with --resubmit-uncertain""#) == ["--resubmit-uncertain"])
        #expect(
            Self.flags(inLiteralsOf: #"x("a", "pass --allow-unpriced or --state")"#) == ["--allow-unpriced", "--state"])
        #expect(Self.flags(inLiteralsOf: "counter -= 1 // decrement --state").isEmpty)
        #expect(Self.flags(inLiteralsOf: "/// `--resubmit-uncertain` claims it anew").isEmpty)
        #expect(Self.flags(inLiteralsOf: #"let dash = "a -- b""#).isEmpty, "a lone -- is not a flag")
        #expect(Self.flags(inLiteralsOf: #"let x = "--""#).isEmpty)
    }

    @Test func noSourceOrTestRunsAFoundationProcess() throws {
        var offenders: [String] = []
        for folder in ["Sources", "Tests"] {
            for file in RepositoryFiles.swiftFiles(under: folder)
            where try RepositoryFiles.text(file).contains(/(^|[^A-Za-z0-9_])Process\(\)/) {
                offenders.append(file)
            }
        }
        #expect(offenders.isEmpty, "run children through swift-subprocess (see Spawned): \(offenders)")
    }

    /// The `--flag` words inside the string literals of one line of Swift (comments ignored).
    static func flags(inLiteralsOf line: String) -> [String] {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("//") { return [] }
        var found: [String] = []
        var inString = false
        var previous: Character = " "
        var characters = Array(line)[...]
        while let character = characters.first {
            characters = characters.dropFirst()
            if !inString, character == "/", characters.first == "/" { break }
            if character == "\"", previous != "\\" {
                inString.toggle()
            } else if inString, character == "-", characters.first == "-", !previous.isLetter, previous != "-" {
                let word = characters.dropFirst().prefix { $0.isLetter || $0.isNumber || $0 == "-" }
                if let first = word.first, first.isLetter { found.append("--" + String(word)) }
            }
            previous = character
        }
        return found
    }
}
