import Foundation
import MagicHourFake
import Testing

@testable import MagicHour

/// The pure schedule: durations in, poll times out (no I/O, no clock).
@Suite("Render-time estimator")
struct RenderTimeEstimatorTests {
    @Test("before any render: a doubling grid from 1/32 of the typical time, shifted by the job's phase")
    func priorGrid() {
        let estimator = RenderTimeEstimator(typical: 64)
        #expect(estimator.median == nil)
        #expect(estimator.nextPoll(after: 0, phase: 0) == 2)
        #expect(abs(estimator.nextPoll(after: 0, phase: 0.5) - 2 * 2.0.squareRoot()) < 1e-9)
        #expect(estimator.nextPoll(after: 2, phase: 0) == 4)
        #expect(estimator.nextPoll(after: 5, phase: 0) == 8)
        #expect(estimator.nextPoll(after: 64, phase: 0) == 128)
        // Every job polls by the typical time at the latest, whatever its phase.
        for phase in stride(from: 0.0, to: 1, by: 0.1) {
            var elapsed = 0.0
            var polls = 0
            while elapsed < 64 {
                elapsed = estimator.nextPoll(after: elapsed, phase: phase)
                polls += 1
            }
            #expect(polls <= 6 && elapsed < 128, "phase \(phase): \(polls) polls, last at \(elapsed)")
        }
    }

    @Test("after renders of 5 s: the first poll goes just before 5 s, whatever the typical time said")
    func firstPollNearObservedMedian() {
        var estimator = RenderTimeEstimator(typical: 74)
        for _ in 0..<20 { estimator.record(seconds: 5) }
        #expect(abs((estimator.median ?? 0) - 5) < 1e-9)
        #expect(estimator.spread == 0)
        let first = estimator.nextPoll(after: 0, phase: 0.7)
        #expect(first > 4.8 && first <= 5 + 1e-9, "\(first)")
        // Not done at the first poll: the next one is at the median, not far after it.
        let second = estimator.nextPoll(after: first, phase: 0.7)
        #expect(second > first && second <= 5 + 1e-9)
    }

    @Test("one finished render already moves the first poll from the typical time to it")
    func oneSampleIsWideButCentered() {
        var estimator = RenderTimeEstimator(typical: 74)
        estimator.record(seconds: 5)
        #expect(estimator.effectiveSpread == 0.25)
        let first = estimator.nextPoll(after: 0, phase: 0)
        #expect(abs(first - 5 * exp(-0.25)) < 1e-9)
        // A job polled just before the median polls next at the median.
        #expect(abs(estimator.nextPoll(after: 4.9, phase: 0) - 5) < 1e-9)
    }

    @Test("the spread is the MAD of the logarithms; wider renders, longer pauses")
    func spreadShapesPauses() {
        var narrow = RenderTimeEstimator(typical: 74)
        var wide = RenderTimeEstimator(typical: 74)
        for _ in 0..<30 {
            for factor in [-1.0, 0, 1] {
                narrow.record(seconds: 10 * exp(0.02 * factor))
                wide.record(seconds: 10 * exp(0.3 * factor))
            }
        }
        #expect(abs(narrow.spread - 0.02 * 1.4826) < 1e-9)
        #expect(abs(wide.spread - 0.3 * 1.4826) < 1e-9)
        #expect(wide.nextPoll(after: 0, phase: 0) < narrow.nextPoll(after: 0, phase: 0))
        let pauseNarrow = narrow.nextPoll(after: 11, phase: 0) - 11
        let pauseWide = wide.nextPoll(after: 11, phase: 0) - 11
        #expect(pauseNarrow > 0 && pauseWide > pauseNarrow * 5)
    }

    @Test("a job past every expectation backs off instead of polling at the short interval")
    func stragglerBacksOff() {
        var estimator = RenderTimeEstimator(typical: 74)
        for _ in 0..<50 { estimator.record(seconds: 5) }
        let nearMedian = estimator.nextPoll(after: 5.01, phase: 0) - 5.01
        let farBeyond = estimator.nextPoll(after: 50, phase: 0) - 50
        #expect(nearMedian < 0.1)
        #expect(farBeyond > 20)
    }

    @Test("only the newest 256 durations count")
    func keepsTheNewest() {
        var estimator = RenderTimeEstimator(typical: 74)
        for _ in 0..<100 { estimator.record(seconds: 1) }
        for _ in 0..<RenderTimeEstimator.capacity { estimator.record(seconds: 10) }
        #expect(estimator.count == 100 + RenderTimeEstimator.capacity)
        #expect(abs((estimator.median ?? 0) - 10) < 1e-9)
        estimator.record(seconds: .nan)
        estimator.record(seconds: -1)
        #expect(estimator.count == 100 + RenderTimeEstimator.capacity)
    }

    @Test("log-normal renders (σ 0.2): at most 6 polls per job, each seen within 6 % of its render time")
    func pollsAndLagOnLogNormalRenders() {
        let renders = RenderTimeDistribution(median: .seconds(10), spread: 0.2)
        var estimator = RenderTimeEstimator(typical: 74)
        var polls = 0
        var lag = 0.0
        var work = 0.0
        let jobs = 400
        for job in 0..<jobs {
            let render = renders.seconds(ofProject: job, seed: 7)
            var elapsed = 0.0
            repeat {
                elapsed = estimator.nextPoll(after: elapsed, phase: Double(job % 10) / 10)
                polls += 1
            } while elapsed < render
            estimator.record(seconds: elapsed)
            if job >= 50 {
                lag += elapsed - render
                work += render
            }
        }
        #expect(Double(polls) / Double(jobs) <= 6, "\(polls) polls for \(jobs) jobs")
        #expect(lag / work < 0.06, "lag \(lag) s over \(work) s of renders")
    }
}
