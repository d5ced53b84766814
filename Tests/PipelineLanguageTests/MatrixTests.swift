@testable import PipelineLanguage
import Testing

@Suite struct MatrixTests {
    func matrix(_ axes: [(String, [Value])], include: [[String: Value]] = [], exclude: [[String: Value]] = []) -> Matrix
    {
        let location = SourceLocation(file: "m.yaml", line: 1, column: 1)
        return Matrix(
            axes: axes.map { Matrix.Axis(name: $0.0, values: $0.1, location: location) }, include: include,
            exclude: exclude,
            location: location)
    }

    @Test func cartesianProductInAxisOrder() {
        let combinations = matrix([("resolution", ["480p", "720p"]), ("seconds", [.number(5), .number(10)])])
            .combinations
        #expect(combinations.count == 4)
        #expect(combinations[0] == ["resolution": "480p", "seconds": .number(5)])
        #expect(combinations[3] == ["resolution": "720p", "seconds": .number(10)])
    }

    @Test func excludeRemovesMatchingCombinations() {
        let combinations = matrix(
            [("resolution", ["480p", "720p", "1080p"]), ("seconds", [.number(5), .number(10)])],
            exclude: [["resolution": "1080p"], ["resolution": "720p", "seconds": .number(10)]]
        ).combinations
        #expect(combinations.count == 3)
        #expect(!combinations.contains { $0["resolution"] == "1080p" })
    }

    @Test func includeExtendsMatchesOrAddsNewCombinations() {
        let combinations = matrix(
            [("resolution", ["480p", "720p"])],
            include: [["resolution": "720p", "prompt": "ad"], ["resolution": "1080p", "prompt": "hero"]]
        ).combinations
        #expect(combinations.count == 3)
        #expect(combinations[1] == ["resolution": "720p", "prompt": "ad"])
        #expect(combinations[0] == ["resolution": "480p"])
        #expect(combinations[2] == ["resolution": "1080p", "prompt": "hero"])
    }

    @Test func matrixFansOutTasksInAPipeline() throws {
        let compilation = compile(
            """
            version: 1
            stages:
              clips:
                uses: magic_hour.image_to_video
                matrix:
                  resolution: [480p, 720p, 1080p]
                  exclude: [{ resolution: 1080p }]
                  include: [{ resolution: 720p, seconds: 20 }]
                with:
                  image: assets/one.png
                  end_seconds: ${{ matrix.seconds || 5 }}
                  resolution: ${{ matrix.resolution }}
            """)
        // `matrix.seconds || 5` is not boolean: a type error, reported at its column.
        #expect(compilation.hasErrors)
        let fixed = compile(
            """
            version: 1
            stages:
              clips:
                uses: magic_hour.image_to_video
                matrix:
                  resolution: [480p, 720p, 1080p]
                  seconds: [5]
                  exclude: [{ resolution: 1080p }]
                  include: [{ resolution: 720p, seconds: 20 }]
                with:
                  image: assets/one.png
                  end_seconds: ${{ matrix.seconds }}
                  resolution: ${{ matrix.resolution }}
                  model: ltx-2.3
            """)
        let plan = try #require(fixed.plan, "\(fixed.diagnostics)")
        // The include entry contradicts seconds=5, so it becomes a combination of its own.
        #expect(
            plan.tasks.map(\.id) == [
                "clips{resolution=480p,seconds=5}", "clips{resolution=720p,seconds=5}",
                "clips{resolution=720p,seconds=20}",
            ])
        // ltx-2.3: 24/s at 480p, 48/s at 720p (no model has the January `default`'s 24/s and 60/s
        // at 480p and 720p with 20 s at 720p, so the figures are ltx-2.3's own).
        #expect(plan.totalCredits == 120 + 240 + 960)
    }
}
