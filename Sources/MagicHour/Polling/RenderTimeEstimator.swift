import Foundation

/// When a render should be done, from the endpoint's typical processing time and the renders
/// already finished in this run; and when to poll a job that is not done yet.
///
/// A pure value: feed it durations (``record(seconds:)``), ask it for the next poll time
/// (``nextPoll(after:phase:)``). Durations are modelled as log-normal: the median and the
/// spread (σ of the logarithm, from the median absolute deviation) of the renders seen so far.
///
/// - Before any render finished, the typical time is only a rough prior (a 5 s render and a 74 s
///   median are both plausible), so polls follow a doubling grid from 1/32 of it, shifted by the
///   job's `phase`: jobs started together poll at different moments, and the first one that sees
///   a render done tells the others (see ``RenderTimeBoard``).
/// - After that, the first poll goes to the lower edge of the expected completion
///   (median · e^−σ), and each later one after a pause proportional to the uncertainty
///   (elapsed · σ · 0.35), growing once a job is past every expectation.
public struct RenderTimeEstimator: Sendable, Equatable {
    /// The prior median in seconds (the endpoint's typical processing time, scaled).
    public let typical: Double
    /// The logarithms of the recorded durations, newest last, at most ``capacity``.
    private var logs: [Double] = []
    /// Median of the recorded durations in seconds; `nil` before the first.
    public private(set) var median: Double?
    /// σ of the logarithm of the recorded durations (0 until three are known).
    public private(set) var spread: Double = 0
    /// Durations recorded in total (older ones beyond ``capacity`` are forgotten).
    public private(set) var count = 0

    /// How many recent durations the estimate keeps.
    public static let capacity = 256
    /// The grid's first point as a share of the typical time, before any render finished.
    static let gridStart = 1.0 / 32
    /// The least spread assumed, however alike the renders were.
    static let spreadFloor = 0.01
    /// The spread assumed for one sample (divided by the count): few samples, wide uncertainty.
    static let sampleSpread = 0.25
    /// Pause between polls as a share of elapsed · σ.
    static let pauseFactor = 0.35

    /// An estimator with no durations yet.
    /// - Parameter typical: The prior median in seconds (above 0).
    public init(typical: Double) {
        self.typical = max(typical, 0.001)
    }

    /// Records the duration of a finished render (submission to the poll that saw it done).
    public mutating func record(seconds: Double) {
        guard seconds.isFinite, seconds > 0 else { return }
        logs.append(log(seconds))
        if logs.count > Self.capacity { logs.removeFirst(logs.count - Self.capacity) }
        count += 1
        let sorted = logs.sorted()
        let center = Self.median(sorted)
        median = exp(center)
        spread = logs.count >= 3 ? 1.4826 * Self.median(logs.map { abs($0 - center) }.sorted()) : 0
    }

    /// The σ the schedule uses: the measured spread, widened while few renders are known.
    public var effectiveSpread: Double {
        max(spread, Self.spreadFloor, count > 0 ? Self.sampleSpread / Double(count) : 0)
    }

    /// Seconds after submission at which to poll a job that was not done at `elapsed` seconds
    /// (0 before its first poll); always later than `elapsed`.
    /// - Parameter phase: The job's own offset in [0, 1) on the prior's grid.
    public func nextPoll(after elapsed: Double, phase: Double) -> Double {
        let elapsed = max(0, elapsed)
        guard let median else {
            // 1/32, 1/16, … of the typical time, times 2^phase: the first point after `elapsed`.
            let start = typical * Self.gridStart * pow(2, min(max(phase, 0), 1))
            guard elapsed >= start else { return start }
            return start * pow(2, floor(log2(elapsed / start)) + 1)
        }
        let sigma = effectiveSpread
        let lower = median * exp(-sigma)
        if elapsed < lower { return lower }
        let upper = median * exp(2 * sigma)
        let pause = elapsed * sigma * Self.pauseFactor + max(0, elapsed - upper) * 0.5
        // Not past the median yet: the median itself is the next likely moment.
        return elapsed < median ? min(median, elapsed + pause) : elapsed + pause
    }

    /// The middle of sorted values (the mean of the two middle ones for an even count).
    private static func median(_ sorted: [Double]) -> Double {
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
