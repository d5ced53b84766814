import Testing

@testable import PipelineLanguage

/// Values: their text in templates, canonical JSON (the input of cache keys), pretty JSON,
/// decoding back, and the static types the checker infers from them.
@Suite struct ValueTests {
    static let deferred = Value.deferred(DeferredValue(producer: "clips[a]", field: "url"))

    @Test(arguments: [
        (Value.null, ""), (.bool(true), "true"), (.bool(false), "false"), (.number(2), "2"), (.number(2.5), "2.5"),
        (.number(-0.0), "0"), (.number(1e16), "1e+16"), (.number(999_999_999_999_999), "999999999999999"),
        (.string("a b"), "a b"), (.object(["path": .string("in/a.png"), "stem": .string("a")]), "in/a.png"),
    ])
    func interpolatedText(_ value: Value, _ text: String) {
        #expect(value.interpolated == text)
    }

    @Test(arguments: [
        Value.list([.string("a")]), .object(["stem": .string("a")]), .object(["path": .number(1)]), deferred,
    ])
    func valuesWithoutText(_ value: Value) {
        #expect(value.interpolated == nil)
    }

    @Test(arguments: [
        (Value.object(["b": .number(1), "a": .list([.null, .bool(true)])]), #"{"a":[null,true],"b":1}"#),
        (.string("a\"b\\c\n\r\t\u{1}é"), #""a\"b\\c\n\r\t\u0001é""#), (.list([]), "[]"), (.object([:]), "{}"),
        (deferred, #"{"$deferred":"clips[a].url"}"#), (.number(0.1), "0.1"), (.number(-3), "-3"),
        (.object(["z": .object(["y": .string("x")])]), #"{"z":{"y":"x"}}"#),
    ])
    func canonicalJSONSortsKeysAndEscapes(_ value: Value, _ json: String) {
        #expect(value.canonicalJSON == json)
    }

    @Test func canonicalJSONIsTheSameForEqualMappingsBuiltInAnyOrder() {
        var forward: [String: Value] = [:]
        var backward: [String: Value] = [:]
        let keys = (0..<50).map { "key\($0)" }
        for key in keys { forward[key] = .string(key) }
        for key in keys.reversed() { backward[key] = .string(key) }
        #expect(Value.object(forward).canonicalJSON == Value.object(backward).canonicalJSON)
    }

    @Test(arguments: [
        Value.object(["b": .number(1.5), "a": .list([.null, .bool(true), .string("x\ny")])]), .list([]), .string(""),
        .number(-42), .bool(false), .null, .object(["nested": .object(["deeper": .list([.object([:])])])]),
    ])
    func canonicalJSONDecodesBackToTheSameValue(_ value: Value) throws {
        #expect(try Value(json: value.canonicalJSON) == value)
        #expect(try Value(json: value.prettyJSON) == value)
    }

    @Test func booleansDecodeAsBooleansNotNumbers() throws {
        #expect(try Value(json: "[true, 1, 0, false]") == .list([.bool(true), .number(1), .number(0), .bool(false)]))
        #expect(throws: (any Error).self) { try Value(json: "{not json") }
    }

    @Test func prettyJSONIndentsNestedValues() {
        let value = Value.object(["b": .list([.number(1), .number(2)]), "a": .object([:]), "c": .list([])])
        #expect(value.prettyJSON == "{\n  \"a\": {},\n  \"b\": [\n    1,\n    2\n  ],\n  \"c\": []\n}")
        #expect(Value.string("x").prettyJSON == "\"x\"")
    }

    @Test(arguments: [
        (Value.string("plain"), "plain"), (.list([.string("a"), .number(2)]), "[a, 2]"),
        (.object(["path": .string("p.png")]), "p.png"), (.object(["k": .number(1)]), #"{"k":1}"#),
        (deferred, "<clips[a].url>"), (.number(3), "3"), (.null, "null"), (.bool(true), "true"),
    ])
    func displayIsShortAndHuman(_ value: Value, _ text: String) {
        #expect(value.display == text)
    }

    @Test func deferredValuesAreFoundAtAnyDepth() {
        #expect(Self.deferred.isDeferred)
        #expect(Value.list([.null, Self.deferred]).isDeferred)
        #expect(Value.object(["a": .object(["b": Self.deferred])]).isDeferred)
        #expect(!Value.object(["a": .list([.string("x")])]).isDeferred)
    }

    @Test func accessorsReadOnlyTheirOwnCase() {
        #expect(Value.string("a").stringValue == "a")
        #expect(Value.number(1).stringValue == nil)
        #expect(Value.number(1).numberValue == 1)
        #expect(Value.string("1").numberValue == nil)
        #expect(Value.bool(false).boolValue == false)
        #expect(Value.null.boolValue == nil)
        #expect(Value.object(["k": .null])["k"] == .null)
        #expect(Value.object(["k": .null])["x"] == nil)
        #expect(Value.list([.null])["k"] == nil)
    }
}

/// Static types: what literals infer, how types merge, and how messages name them.
@Suite struct ValueTypeTests {
    @Test(arguments: [
        (Value.list([.string("a"), .string("b")]), ValueType.list(.string)),
        (.list([.string("a"), .number(1)]), .list(.any)),
        (.list([]), .list(.any)), (.null, .null), (.bool(true), .bool), (.number(1), .number),
        (.object(["n": .number(1)]), .object(["n": .number], open: false)),
        (.deferred(DeferredValue(producer: "p", field: "f")), .any),
    ])
    func literalTypes(_ value: Value, _ type: ValueType) {
        #expect(ValueType(of: value) == type)
    }

    @Test(arguments: [
        (ValueType.any, "any", "values"), (.null, "null", "nulls"), (.bool, "boolean", "booleans"),
        (.number, "number", "numbers"), (.string, "string", "strings"), (.list(.any), "list", "lists"),
        (.list(.file), "list of files", "lists"), (.list(.list(.number)), "list of lists", "lists"),
        (.file, "file", "files"),
        (.object(["a": .string], open: true), "object", "objects"),
    ])
    func descriptionsAndPlurals(_ type: ValueType, _ description: String, _ plural: String) {
        #expect(type.description == description)
        #expect(type.plural == plural)
    }

    @Test func onlyScalarsAndFilesGoIntoText() {
        for type in [ValueType.any, .null, .bool, .number, .string, .file] { #expect(type.isInterpolatable, "\(type)") }
        for type in [ValueType.list(.string), .object(["a": .string], open: true)] {
            #expect(!type.isInterpolatable, "\(type)")
        }
    }

    @Test func unionKeepsEqualTypesAndMergesObjects() {
        #expect(ValueType.number.union(.number) == .number)
        #expect(ValueType.number.union(.string) == .any)
        #expect(ValueType.list(.string).union(.list(.number)) == .any)
        let merged = ValueType.object(["a": .string, "b": .number], open: false)
            .union(.object(["b": .string, "c": .bool], open: true))
        #expect(merged == .object(["a": .string, "b": .any, "c": .bool], open: true))
        #expect(
            ValueType.object(["a": .object(["x": .number], open: false)], open: false)
                .union(.object(["a": .object(["y": .string], open: false)], open: false))
                == .object(["a": .object(["x": .number, "y": .string], open: false)], open: false))
    }
}
