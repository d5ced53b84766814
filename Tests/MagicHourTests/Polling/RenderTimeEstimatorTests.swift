import Foundation
import MagicHourFake
import Testing

@testable import MagicHour

/// The pure schedule: durations in, poll times out (no I/O, no clock).
@Suite("Render-time estimator")
struct RenderTimeEstimatorTests {
    @Test("before any render: a grid growing ×4 from 1/32 of the typical time, shifted by the job's phase")
    func priorGrid() {
        let estimator = RenderTimeEstimator(typical: 64)
        #expect(estimator.median == nil)
        #expect(estimator.nextPoll(after: 0, phase: 0) == 2)
        #expect(abs(estimator.nextPoll(after: 0, phase: 0.5) - 4) < 1e-9)
        #expect(estimator.nextPoll(after: 2, phase: 0) == 8)
        #expect(estimator.nextPoll(after: 5, phase: 0) == 8)
        #expect(estimator.nextPoll(after: 64, phase: 0) == 128)
        // Every job polls by four times the typical time at the latest, in at most four polls.
        for phase in stride(from: 0.0, to: 1, by: 0.1) {
            var elapsed = 0.0
            var polls = 0
            while elapsed < 64 {
                elapsed = estimator.nextPoll(after: elapsed, phase: phase)
                polls += 1
            }
            #expect(polls <= 4 && elapsed < 256, "phase \(phase): \(polls) polls, last at \(elapsed)")
        }
    }

    @Test("after renders of 5 s: the first poll goes before 5 s, closer as renders outweigh the prior σ")
    func firstPollNearObservedMedian() {
        var estimator = RenderTimeEstimator(typical: 74)
        for _ in 0..<20 { estimator.record(seconds: 5) }
        #expect(abs((estimator.median ?? 0) - 5) < 1e-6)
        // Twenty alike renders against a prior σ of 0.4 weighing as ten: 0.4·10/30, published
        // again only when it moved by a tenth.
        #expect(estimator.spread >= 0.4 * 10 / 30 && estimator.spread < 0.4 * 10 / 30 * 1.15, "\(estimator.spread)")
        let first = estimator.nextPoll(after: 0, phase: 0.5)
        #expect(first > 4.3 && first < 5, "\(first)")
        for _ in 0..<230 { estimator.record(seconds: 5) }
        let later = estimator.nextPoll(after: 0, phase: 0.5)
        #expect(later > 4.85 && later < 5, "\(later)")
        // Not done at the first poll: the next one is soon after, at most 5 % of the median later.
        let second = estimator.nextPoll(after: later, phase: 0.5)
        #expect(second > later && second < later + 0.25)
    }

    @Test("one finished render already moves the estimate from the typical time to it, σ at the prior 0.4")
    func oneSampleIsWideButCentered() {
        var estimator = RenderTimeEstimator(typical: 74)
        let moved = estimator.record(seconds: 5)
        #expect(moved)
        #expect(abs((estimator.median ?? 0) - 5) < 1e-9)
        #expect(abs(estimator.spread - 0.4) < 1e-9)
        let first = estimator.nextPoll(after: 0, phase: 0.5)
        #expect(abs(first - 5 * exp(-0.4)) < 1e-9)
        // The phase spreads first polls over ±0.2·σ·median.
        #expect(estimator.nextPoll(after: 0, phase: 0) < first && estimator.nextPoll(after: 0, phase: 1) > first)
    }

    @Test("the first renders to finish are the short ones: the jobs still running raise the estimate")
    func runningJobsCorrectTheEarlyMedian() {
        var naive = RenderTimeEstimator(typical: 74)
        var censored = RenderTimeEstimator(typical: 74)
        let finished = [3.0, 3.2, 3.4, 3.5, 3.6]
        for (index, seconds) in finished.enumerated() {
            naive.record(seconds: seconds)
            // 50 jobs started together; those not finished yet have rendered at least 3.6 s.
            censored.record(seconds: seconds, running: Array(repeating: 3.6, count: 50 - index - 1))
        }
        #expect((naive.median ?? 0) < 3.6)
        #expect((censored.median ?? 0) > 5, "\(censored.median ?? 0)")
        #expect(censored.nextPoll(after: 3.6, phase: 0.5) > naive.nextPoll(after: 3.6, phase: 0.5))
    }

    @Test("σ is the slope of the renders' logarithms over their normal quantiles; wider renders, longer pauses")
    func spreadShapesPauses() {
        var narrow = RenderTimeEstimator(typical: 74)
        var wide = RenderTimeEstimator(typical: 74)
        for _ in 0..<30 {
            for factor in [-1.0, 0, 1] {
                narrow.record(seconds: 10 * exp(0.02 * factor))
                wide.record(seconds: 10 * exp(0.3 * factor))
            }
        }
        #expect(narrow.spread < 0.1)
        #expect(wide.spread > 0.2 && wide.spread < 0.4, "\(wide.spread)")
        #expect(wide.nextPoll(after: 0, phase: 0.5) < narrow.nextPoll(after: 0, phase: 0.5))
        let pauseNarrow = narrow.nextPoll(after: 11, phase: 0.5) - 11
        let pauseWide = wide.nextPoll(after: 11, phase: 0.5) - 11
        #expect(pauseNarrow > 0 && pauseWide > pauseNarrow * 5)
    }

    @Test("a job past every expectation backs off instead of polling at the short interval")
    func stragglerBacksOff() {
        var estimator = RenderTimeEstimator(typical: 74)
        for _ in 0..<50 { estimator.record(seconds: 5) }
        let nearMedian = estimator.nextPoll(after: 5.01, phase: 0) - 5.01
        let pastMedian = estimator.nextPoll(after: 6, phase: 0) - 6
        let farBeyond = estimator.nextPoll(after: 50, phase: 0) - 50
        #expect(nearMedian < 0.25)
        // Past the median the pause shrinks (the longest jobs decide when a run ends) …
        #expect(pastMedian < nearMedian)
        // … until the job is past median·e^3σ.
        #expect(farBeyond > 20)
    }

    @Test("the estimate moves waiting jobs only when it moved by a tenth of σ")
    func smallMovesDoNotReplan() {
        var estimator = RenderTimeEstimator(typical: 74)
        let first = estimator.record(seconds: 5)
        #expect(first)
        for _ in 0..<100 { estimator.record(seconds: 5) }
        let settled = estimator
        let nudged = estimator.record(seconds: 5.001)
        #expect(!nudged)
        #expect(estimator.median == settled.median && estimator.spread == settled.spread)
        #expect(estimator.count == settled.count + 1)
        let censored = estimator.record(seconds: 5, running: Array(repeating: 9, count: 400))
        #expect(censored)
    }

    @Test("only the newest 256 durations count")
    func keepsTheNewest() {
        var estimator = RenderTimeEstimator(typical: 74)
        for _ in 0..<100 { estimator.record(seconds: 1) }
        for _ in 0..<RenderTimeEstimator.capacity { estimator.record(seconds: 10) }
        #expect(estimator.count == 100 + RenderTimeEstimator.capacity)
        #expect(abs((estimator.median ?? 0) - 10) < 0.1)
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
