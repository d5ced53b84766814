import Crypto
import Testing

@testable import PipelineLanguage

/// The byte-buffer cache key writer gives exactly the digests of the canonical JSON `Value`
/// writes for the same material: the key, the inputs, and the other parameters.
@Suite struct CacheKeyWriterTests {
    /// A stage type of four result-changing parameters (two of them files) and one that is not.
    static let type: StageType = {
        var type = StageType.imageResize
        type.name = "test.keyed"
        type.version = 3
        type.parameters = [
            ParameterSpec("zeta", .string, "declared first, sorted last"),
            ParameterSpec("image", .file(allowsURL: true), "a file"),
            ParameterSpec("alpha", .number(0...10), "a number"),
            ParameterSpec("label", .string, affectsResult: false, "does not change the result"),
            ParameterSpec("mask", .file(allowsURL: false), "another file"),
        ]
        return type
    }()

    static func digest(_ value: Value) -> String {
        SHA256.hash(data: Array(value.canonicalJSON.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
    }

    /// The three digests `Value` gives for keyed values by parameter name (inputs: the files).
    static func expected(
        _ keyed: [String: Value], inputs: Set<String>
    ) -> (key: String, inputs: String, parameters: String) {
        let key = digest(
            .object([
                "parameters": .object(keyed), "stage_type": .string(type.name),
                "version": .number(Double(type.version)),
            ]))
        let inputValues = keyed.filter { inputs.contains($0.key) }
        var others = keyed.filter { !inputs.contains($0.key) }
        others["$stage_type"] = .string(type.name)
        others["$version"] = .number(Double(type.version))
        return (key, digest(.object(inputValues)), digest(.object(others)))
    }

    /// Positions in the layout, by parameter name.
    static func position(_ name: String, in layout: CacheKeyLayout) throws -> Int {
        try #require(layout.parameters.firstIndex { $0.name == name })
    }

    @Test func theLayoutKeepsOnlyResultChangingParametersAndSortsThem() throws {
        let layout = CacheKeyLayout(type: Self.type)
        #expect(layout.parameters.map(\.name) == ["zeta", "image", "alpha", "mask"])
        #expect(layout.parameters.map(\.isFile) == [false, true, false, true])
        #expect(layout.sorted.map { layout.parameters[$0].name } == ["alpha", "image", "mask", "zeta"])
        #expect(String(decoding: layout.materialSuffix, as: UTF8.self) == #"},"stage_type":"test.keyed","version":3}"#)
        #expect(
            layout.quotedNames.map { String(decoding: $0, as: UTF8.self) } == [
                #""zeta":"#, #""image":"#, #""alpha":"#, #""mask":"#,
            ])
    }

    @Test func everyKindOfKeyedValueDigestsLikeItsCanonicalJSON() throws {
        let layout = CacheKeyLayout(type: Self.type)
        var writer = CacheKeyWriter()
        writer.begin(layout)
        writer.set(try Self.position("zeta", in: layout), .value(.string("say \"hi\"\n\\ é")), isInput: false)
        writer.set(try Self.position("image", in: layout), .content(sha256: "ab12"), isInput: true)
        writer.set(try Self.position("alpha", in: layout), .value(.number(2)), isInput: false)
        writer.set(try Self.position("mask", in: layout), .output(from: "masks[x]", field: "path"), isInput: true)
        let result = writer.finish(layout)
        let expected = Self.expected(
            [
                "zeta": .string("say \"hi\"\n\\ é"), "image": .object(["sha256": .string("ab12")]), "alpha": .number(2),
                "mask": .object(["from": .string("masks[x]"), "field": .string("path")]),
            ], inputs: ["image", "mask"])
        #expect(result.keyHex == expected.key)
        #expect(result.inputsHex == expected.inputs)
        #expect(result.parametersHex == expected.parameters)
    }

    @Test func aRemoteFileIsKeyedByItsURL() throws {
        let layout = CacheKeyLayout(type: Self.type)
        var writer = CacheKeyWriter()
        writer.begin(layout)
        writer.set(try Self.position("image", in: layout), .url("https://cdn.example/a.png?x=1"), isInput: true)
        let result = writer.finish(layout)
        let expected = Self.expected(
            ["image": .object(["url": .string("https://cdn.example/a.png?x=1")])], inputs: ["image"])
        #expect(result.keyHex == expected.key)
        #expect(result.inputsHex == expected.inputs)
        #expect(result.parametersHex == expected.parameters)
    }

    @Test func unsetParametersStayOutOfTheKey() throws {
        let layout = CacheKeyLayout(type: Self.type)
        var writer = CacheKeyWriter()
        writer.begin(layout)
        let result = writer.finish(layout)
        let expected = Self.expected([:], inputs: [])
        #expect(result.keyHex == expected.key)
        #expect(result.inputsHex == expected.inputs)
        #expect(result.parametersHex == expected.parameters)
    }

    @Test(arguments: [
        Value.list([.number(1), .string("a"), .null]), .object(["b": .bool(true), "a": .list([])]), .bool(false),
        .number(0.1), .number(-3), .number(1e20), .string(""), .string("\u{01}tab\t"), .null,
    ])
    func nonStringValuesDigestCanonically(_ value: Value) throws {
        let layout = CacheKeyLayout(type: Self.type)
        var writer = CacheKeyWriter()
        writer.begin(layout)
        writer.set(try Self.position("alpha", in: layout), .value(value), isInput: false)
        #expect(writer.finish(layout).keyHex == Self.expected(["alpha": value], inputs: []).key)
    }

    @Test func aReusedWriterForgetsThePreviousTask() throws {
        let layout = CacheKeyLayout(type: Self.type)
        let zeta = try Self.position("zeta", in: layout)
        let image = try Self.position("image", in: layout)
        func task(_ writer: inout CacheKeyWriter, _ text: String, _ sha: String?) -> (String, String, String) {
            writer.begin(layout)
            writer.set(zeta, .value(.string(text)), isInput: false)
            if let sha { writer.set(image, .content(sha256: sha), isInput: true) }
            let result = writer.finish(layout)
            return (result.keyHex, result.inputsHex, result.parametersHex)
        }
        var fresh = CacheKeyWriter()
        let first = task(&fresh, "a", "11")
        var reused = CacheKeyWriter()
        _ = task(&reused, "b", "22")
        _ = task(&reused, "a", nil)
        #expect(task(&reused, "a", "11") == first, "memoized digests and old slots do not leak between tasks")
        let other = task(&reused, "a", "33")
        #expect(other.0 != first.0)
        #expect(other.1 != first.1, "a changed input changes the inputs digest")
        #expect(other.2 == first.2, "the other parameters did not change")
    }

    @Test func theSameValueAsInputOrParameterMovesBetweenDigestsOnly() throws {
        let layout = CacheKeyLayout(type: Self.type)
        let mask = try Self.position("mask", in: layout)
        var writer = CacheKeyWriter()
        writer.begin(layout)
        writer.set(mask, .value(.string("m")), isInput: true)
        let asInput = writer.finish(layout)
        writer.begin(layout)
        writer.set(mask, .value(.string("m")), isInput: false)
        let asParameter = writer.finish(layout)
        #expect(asInput.key == asParameter.key, "the key holds every keyed value alike")
        #expect(asInput.inputs != asParameter.inputs)
        #expect(asInput.parameters != asParameter.parameters)
    }

    @Test func anUpstreamKeyInPlaceWritesTheSameMaterialAsItsHex() throws {
        let layout = CacheKeyLayout(type: Self.type)
        let mask = try Self.position("mask", in: layout)
        let upstream = Digest256(of: Array("upstream task".utf8))
        var writer = CacheKeyWriter()
        writer.begin(layout)
        writer.set(mask, .outputOfKey(upstream, field: "path"), isInput: true)
        let inPlace = writer.finish(layout)
        writer.begin(layout)
        writer.set(mask, .output(from: upstream.hex, field: "path"), isInput: true)
        let asText = writer.finish(layout)
        #expect(inPlace == asText)
        #expect(upstream.hex.count == 64)
    }
}
