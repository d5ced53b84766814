import Foundation
import PipelineLanguage
import Testing

/// No input may crash the compiler: thousands of mutated pipeline files must each give a
/// diagnostic or a plan.
@Suite struct FuzzTests {
    /// A small deterministic generator (SplitMix64), so failures reproduce.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(1, bound))) }
    }

    static let seeds: [String] = {
        var texts: [String] = []
        for directory in [TestPaths.pipelines, TestPaths.fixtures + "/invalid"] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for name in names.sorted() where name.hasSuffix(".yaml") {
                if let text = try? String(contentsOfFile: directory + "/" + name, encoding: .utf8) {
                    texts.append(text)
                }
            }
        }
        return texts
    }()

    static let fragments = [
        "${{", "}}", "${{ item.", "[", "]", "{", "}", ": ", "- ", "&a ", "*a", "!!str ", "\"", "'", "\t", "\n  ", "#",
        "${{ matrix.resolution }}", "${{ stages.x }}", "for_each: ", "matrix:", "|", ">", "\0", "\u{FEFF}", "😀", "\r\n",
        "? ", "<<: *a", "~", "1e999", "-1", "0x1F", ".inf",
    ]

    func mutate(_ text: String, _ random: inout Random) -> [UInt8] {
        var bytes = Array(text.utf8)
        for _ in 0...random.below(4) {
            switch random.below(6) {
            case 0 where !bytes.isEmpty:
                bytes[random.below(bytes.count)] ^= UInt8(1 << random.below(8))
            case 1 where !bytes.isEmpty:
                bytes = Array(bytes.prefix(random.below(bytes.count)))
            case 2:
                let fragment = Array(Self.fragments[random.below(Self.fragments.count)].utf8)
                bytes.insert(contentsOf: fragment, at: random.below(bytes.count + 1))
            case 3 where bytes.count > 2:
                let start = random.below(bytes.count)
                let end = min(bytes.count, start + random.below(40))
                bytes.removeSubrange(start..<end)
            case 4 where !bytes.isEmpty:
                let start = random.below(bytes.count)
                let end = min(bytes.count, start + random.below(80))
                bytes.insert(contentsOf: bytes[start..<end], at: random.below(bytes.count + 1))
            default:
                bytes.insert(UInt8(random.below(256)), at: random.below(bytes.count + 1))
            }
        }
        return bytes
    }

    func mustNotCrash(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let compilation = compile(text, keys: true)
        // Either a plan or at least one diagnostic explains why there is none.
        #expect(compilation.plan != nil || !compilation.diagnostics.isEmpty)
        if compilation.plan == nil {
            #expect(compilation.hasErrors)
        }
        _ = DiagnosticRenderer(sources: [compilation.source]).text(compilation.diagnostics)
    }

    @Test func thousandsOfMutatedFiles() {
        var random = Random(state: 0x5EED)
        #expect(Self.seeds.count > 40)
        for round in 0..<3000 {
            let seed = Self.seeds[round % Self.seeds.count]
            mustNotCrash(mutate(seed, &random))
        }
    }

    @Test func hostileShapes() {
        let nestedFlow = "version: 1\nstages: " + String(repeating: "[", count: 100_000)
        let nestedBlock =
            "version: 1\nstages:\n"
            + (1...300).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n")
        let nestedDashes = "version: 1\nx-a: " + String(repeating: "- ", count: 5000) + "1\nstages: {}"
        let hugeScalar = "version: 1\nname: " + String(repeating: "x", count: 2_000_000) + "\nstages: {}"
        let hugeExpression =
            "version: 1\nstages:\n  a:\n    uses: image.resize\n    with: { image: \"${{ "
            + String(repeating: "item.", count: 20000) + "x }}\", width: 1 }"
        let quadratic =
            "version: 1\nx-a: &a [" + String(repeating: "x, ", count: 1000) + "]\nx-b: ["
            + String(repeating: "*a, ", count: 2000) + "]\nstages: {}"
        let manyStages =
            "version: 1\nstages:\n"
            + (0..<2000).map {
                "  s\($0):\n    uses: image.resize\n    needs: [s\(($0 + 1) % 2000)]\n    with: { image: assets/one.png, width: 1 }"
            }.joined(separator: "\n")
        let badUTF8: [UInt8] = Array("version: 1\nname: ".utf8) + [0xFF, 0xFE, 0xC3] + Array("\nstages: {}".utf8)
        for text in [
            nestedFlow, nestedBlock, nestedDashes, hugeScalar, hugeExpression, quadratic, manyStages, "", "\0",
            "---\n---\n", "%YAML 9.9\n---\n",
        ] {
            mustNotCrash(Array(text.utf8))
        }
        mustNotCrash(badUTF8)
    }

    @Test func invalidUTF8FileIsADiagnostic() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/bad.yaml"
        try Data([0x76, 0x3A, 0x20, 0xFF, 0x0A]).write(to: URL(fileURLWithPath: path))
        let compilation = PipelineCompiler().compile(file: path)
        #expect(compilation.errors.first?.message == "the file is not valid UTF-8 text")
        #expect(compilation.errors.first?.location.column == 4)
    }
}
