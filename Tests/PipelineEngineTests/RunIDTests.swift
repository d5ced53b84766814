import Foundation
import PipelineEngine
import Testing

/// A run's id is its start in UTC (`yyyyMMdd'T'HHmmss'Z'`) and eight random hex digits.
@Suite struct RunIDTests {
    @Test(arguments: [
        (0.0, "19700101T000000Z"),
        (951_868_799.9, "20000229T235959Z"),
        (1_796_224_147.0, "20261202T150907Z"),
        (4_107_542_400.0, "21000301T000000Z"),
        (-1.0, "19691231T235959Z"),
    ])
    func theIDStartsWithTheUTCTimeOfTheRun(_ seconds: Double, _ stamp: String) {
        let id = PipelineRunner.newRunID(at: Date(timeIntervalSince1970: seconds))
        #expect(id.hasPrefix(stamp + "-"), "\(id)")
        let suffix = id.dropFirst(stamp.count + 1)
        #expect(suffix.count == 8 && suffix.allSatisfy(\.isHexDigit), "\(id)")
    }

    @Test func twoIDsOfTheSameSecondDiffer() {
        let now = Date()
        let ids = Set((0..<64).map { _ in PipelineRunner.newRunID(at: now) })
        #expect(ids.count == 64)
    }
}
