import Foundation
import MagicHourFake
import Testing

@Suite("Fake render times")
struct RenderTimeDistributionTests {
    @Test("log-normal around the median, the same for the same seed and project, spread as asked")
    func logNormalAndSeeded() {
        let renders = RenderTimeDistribution(median: .seconds(5), spread: 0.2)
        let samples = (0..<2001).map { renders.seconds(ofProject: $0, seed: 42) }
        #expect(samples == (0..<2001).map { renders.seconds(ofProject: $0, seed: 42) })
        #expect(samples != (0..<2001).map { renders.seconds(ofProject: $0, seed: 43) })
        let logs = samples.map { log($0 / 5) }
        let mean = logs.reduce(0, +) / Double(logs.count)
        let deviation = (logs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(logs.count)).squareRoot()
        #expect(abs(mean) < 0.02, "mean of logs \(mean)")
        #expect(abs(deviation - 0.2) < 0.02, "σ of logs \(deviation)")
        #expect(Set(samples).count > 1900)
    }

    @Test("spread 0: every project takes the median")
    func fixed() {
        let renders = RenderTimeDistribution(median: .milliseconds(1500))
        #expect((0..<10).allSatisfy { renders.seconds(ofProject: $0, seed: 1) == 1.5 })
        #expect(RenderTimeDistribution(median: .seconds(1), spread: -1).spread == 0)
    }
}
