import Foundation
import Testing

@testable import PipelineLanguage

/// A stage's tasks share one parameter table: what every task has alike is kept once, each task
/// keeps a row of the rest. Reading a task's parameters must give what it would have had alone.
@Suite struct TaskParametersTests {
    @Test func everyTaskReadsItsOwnValuesAndTheSharedOnes() throws {
        let directory = try TemporaryDirectory()
        for name in ["a", "b", "c"] { try directory.write("photos/\(name).png", name) }
        let compilation = compile(
            """
            version: 1
            name: table
            stages:
              small:
                uses: image.resize
                for_each: ${{ inputs.photos }}
                matrix:
                  width: [320, 640]
                with: { image: "${{ item }}", width: "${{ matrix.width }}", height: 200, fit: cover }
            inputs:
              photos:
                glob: photos/*.png
            """, directory: directory.path, keys: true)
        let plan = try #require(compilation.plan, "\(compilation.diagnostics)")
        #expect(plan.tasks.count == 6)
        var seen: Set<String> = []
        for task in plan.tasks {
            let path = try #require(task.item?["path"]?.stringValue)
            let width = try #require(task.matrix["width"])
            let expected: [String: Value] = [
                "image": .string(path), "width": width, "height": .number(200), "fit": .string("cover"),
                "format": .string("keep"), "quality": .number(85), "upscale": .bool(false),
            ]
            #expect(task.parameters.dictionary == expected, "\(task.id)")
            #expect(task.parameters["image"] == .string(path))
            #expect(task.parameters["width"] == width)
            #expect(task.parameters["fit"] == .string("cover"), "a value written without ${{ }} is shared")
            #expect(task.parameters["quality"] == .number(85), "a default is shared")
            #expect(task.parameters["missing"] == nil)
            #expect(!task.parameters.hasDeferred)
            #expect(task.parameters == TaskParameters(expected), "equal to the same values held alone")
            seen.insert("\(path) \(width.display)")
        }
        #expect(seen.count == 6, "each row is its own task's")
    }

    @Test func theSharedColumnsComeFromTheFirstRowAndRowsStayApart() {
        var builder = ParameterTable.Builder(names: ["a", "b", "c"], isShared: [false, true, false], rows: 2)
        let first = builder.append([.string("a0"), .number(1), nil])
        let second = builder.append([.string("a1"), .number(1), .bool(true)])
        let table = builder.build()
        let one = TaskParameters(table: table, row: first)
        let two = TaskParameters(table: table, row: second)
        #expect(one.dictionary == ["a": .string("a0"), "b": .number(1)], "a value no task has is absent")
        #expect(two.dictionary == ["a": .string("a1"), "b": .number(1), "c": .bool(true)])
        #expect(one != two)
        #expect(one == TaskParameters(["b": .number(1), "a": .string("a0")]))
    }

    @Test func aDeferredValueIsSeen() {
        let deferred = Value.deferred(DeferredValue(producer: "up[x]", field: "url"))
        let parameters = TaskParameters(["url": deferred, "name": .string("n")])
        #expect(parameters.hasDeferred)
        #expect(parameters["url"] == deferred)
        #expect(!TaskParameters([:]).hasDeferred)
        #expect(TaskParameters([:]).dictionary.isEmpty)
    }

    @Test func aDigestSpellsItsHexBackAndRefusesOtherText() throws {
        let digest = Digest256(of: Array("abc".utf8))
        #expect(digest.hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Digest256(hex: digest.hex) == digest)
        var appended: [UInt8] = []
        digest.appendHex(to: &appended)
        #expect(String(decoding: appended, as: UTF8.self) == digest.hex)
        for bad in [
            "", "ab", String(digest.hex.dropLast()), digest.hex + "0", digest.hex.uppercased(),
            String(digest.hex.dropLast()) + "g",
        ] {
            #expect(Digest256(hex: bad) == nil, "\(bad)")
        }
        let keys = try #require(TaskKeys(keyHex: digest.hex))
        #expect(keys.keyHex == digest.hex)
        #expect(keys.inputsHex.isEmpty && keys.parametersHex.isEmpty, "a key given as text has no part digests")
        #expect(TaskKeys(keyHex: "")?.keyHex == "")
        #expect(TaskKeys(keyHex: "not a key") == nil)
    }
}

/// A plan of a million tasks holds a million of these: what one costs in place is a figure to keep.
@Suite struct PlannedTaskLayoutTests {
    @Test func dependenciesReadAsTheListTheyWereGiven() {
        let none = TaskDependencies([])
        #expect(none.isEmpty && Array(none) == [])
        let one = TaskDependencies(["a[x]"])
        #expect(Array(one) == ["a[x]"] && one.count == 1)
        let shared = ["b", "c"]
        let many = TaskDependencies(head: "a[x]", tail: shared)
        #expect(Array(many) == ["a[x]", "b", "c"] && many[2] == "c")
        #expect(many == ["a[x]", "b", "c"])
        #expect(TaskDependencies(shared) == ["b", "c"])
    }

    @Test func aTaskStaysSmallInPlace() {
        #expect(MemoryLayout<TaskParameters>.size == 16, "a table and a row")
        #expect(MemoryLayout<PlannedItem?>.size == 8, "an item is one word, boxed or produced")
        #expect(MemoryLayout<TaskKeys>.size == 98, "three digests in place and two flags")
        #expect(MemoryLayout<TaskDependencies>.size == 24, "one id in place, the rest shared")
        #expect(MemoryLayout<PlannedTask>.stride <= 216, "\(MemoryLayout<PlannedTask>.stride) bytes")
    }
}
