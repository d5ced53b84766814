import Foundation

/// When a render should be done, from the endpoint's typical processing time and the renders
/// already finished in this run; and when to poll a job that is not done yet.
///
/// A pure value: feed it durations (``record(seconds:running:)``), ask it for the next poll time
/// (``nextPoll(after:phase:)``). Durations are modelled as log-normal: a median and a spread (σ of
/// the logarithm).
///
/// - Before any render finished, the typical time is only a rough prior (a 5 s render and a 74 s
///   median are both plausible), so polls follow a grid growing ×4 from 1/32 of it, shifted by the
///   job's `phase`: jobs started together poll at different moments, and the first one that sees
///   a render done tells the others (see ``RenderTimeBoard``).
/// - The estimate corrects for the renders still running. The first to finish are the short ones,
///   so their median alone is too low while most jobs still render (and every waiting job would
///   poll at once). The finished renders are the events of a Kaplan–Meier curve, the running jobs
///   its censored observations; median and σ are the line through the curve's points on the
///   normal quantile scale. σ leans on a prior of 0.4 until renders outweigh it.
/// - After that, a job polls first at median·e^−σ (shifted by its phase), then after pauses of
///   0.4·σ·median, shrinking as it passes the median (the longest jobs decide when a run ends),
///   and growing again once it is past every expectation (median·e^3σ).
public struct RenderTimeEstimator: Sendable, Equatable {
    /// The prior median in seconds (the endpoint's typical processing time, scaled).
    public let typical: Double
    /// The recorded durations in seconds, newest last, at most ``capacity``.
    private var durations: [Double] = []
    /// Median of the render times in seconds; `nil` before the first finished.
    public private(set) var median: Double?
    /// σ of the logarithm of the render times; ``priorSpread`` before the first finished.
    public private(set) var spread: Double = Self.priorSpread
    /// Durations recorded in total (older ones beyond ``capacity`` are forgotten).
    public private(set) var count = 0

    /// How many recent durations the estimate keeps.
    public static let capacity = 256
    /// The grid's first point as a share of the typical time, before any render finished.
    static let gridStart = 1.0 / 32
    /// The grid's growth from one point to the next.
    static let gridRatio = 4.0
    /// σ assumed before renders tell it, and the prior it is blended with.
    static let priorSpread = 0.4
    /// How many renders the prior σ weighs as.
    static let priorWeight = 10.0
    /// The least spread assumed, however alike the renders were.
    static let spreadFloor = 0.01
    /// Pause between polls as a share of σ · median.
    static let pauseFactor = 0.4
    /// How much the pause shrinks per σ past the median, and the least share it keeps.
    static let tailShrink = 0.3
    static let tailShare = 0.25
    /// The least pause as a share of the median.
    static let leastPause = 0.004
    /// A job past median·e^(this·σ) is past every expectation and backs off.
    static let stragglerSigmas = 3.0
    /// How far (in published σ) the estimate moves before waiting jobs plan again.
    static let hysteresis = 0.1

    /// An estimator with no durations yet.
    /// - Parameter typical: The prior median in seconds (above 0).
    public init(typical: Double) {
        self.typical = max(typical, 0.001)
    }

    /// Records the duration of a finished render (submission to the poll that saw it done), and
    /// estimates again.
    /// - Parameter running: The jobs still rendering: for each, seconds it is known (or thought)
    ///   to have rendered without finishing.
    /// - Returns: Whether the estimate moved enough for waiting jobs to plan their polls again.
    @discardableResult
    public mutating func record(seconds: Double, running: [Double] = []) -> Bool {
        guard seconds.isFinite, seconds > 0 else { return false }
        durations.append(seconds)
        if durations.count > Self.capacity { durations.removeFirst(durations.count - Self.capacity) }
        count += 1
        let (center, sigma) = Self.fit(finished: durations, running: running)
        if let median, abs(center - log(median)) < Self.hysteresis * spread,
            abs(sigma - spread) < Self.hysteresis * spread
        {
            return false
        }
        median = exp(center)
        spread = sigma
        return true
    }

    /// Seconds after submission at which to poll a job that was not done at `elapsed` seconds
    /// (0 before its first poll); always later than `elapsed`.
    /// - Parameter phase: The job's own offset in [0, 1): on the prior's grid, and of its first poll.
    public func nextPoll(after elapsed: Double, phase: Double) -> Double {
        let elapsed = max(0, elapsed)
        let phase = min(max(phase, 0), 1)
        guard let median else {
            // typical/32 · 4^phase, then ×4: the first point after `elapsed`.
            let start = typical * Self.gridStart * pow(Self.gridRatio, phase)
            guard elapsed >= start else { return start }
            let steps = floor(log(elapsed / start) / log(Self.gridRatio) + 1e-9) + 1
            return max(start * pow(Self.gridRatio, steps), elapsed.nextUp)
        }
        let sigma = spread
        let first = median * exp(-sigma) + (phase - 0.5) * Self.pauseFactor * sigma * median
        if elapsed < first { return first }
        let sigmasPast = max(0, log(elapsed / median) / sigma)
        let share = max(Self.tailShare, 1 - Self.tailShrink * sigmasPast)
        let straggling = max(0, elapsed - median * exp(Self.stragglerSigmas * sigma))
        let pause = max(Self.pauseFactor * sigma * median * share, Self.leastPause * median) + straggling * 0.5
        return elapsed + pause
    }

    /// Log-median and σ of log-normal render times from `finished` durations and `running` jobs
    /// (censored: known to take longer than their value): the least-squares line through the
    /// Kaplan–Meier points (log t against the normal quantile of the mid-step probability), σ
    /// blended with ``priorSpread`` as ``priorWeight`` renders.
    static func fit(finished: [Double], running: [Double]) -> (logMedian: Double, sigma: Double) {
        var observations = finished.map { (value: $0, finished: true) }
        observations += running.lazy.filter { $0 > 0 && $0.isFinite }.map { (value: $0, finished: false) }
        // Ascending; at a tie the finished render first (it was at risk at that moment).
        observations.sort { $0.value != $1.value ? $0.value < $1.value : $0.finished && !$1.finished }
        var survival = 1.0
        var points: [(log: Double, z: Double)] = []
        points.reserveCapacity(finished.count)
        for (index, observation) in observations.enumerated() where observation.finished {
            let next = survival * (1 - 1 / Double(observations.count - index))
            let probability = 1 - (survival + next) / 2
            points.append((log(observation.value), NormalQuantile.of(min(max(probability, 1e-4), 1 - 1e-4))))
            survival = next
        }
        let k = Double(points.count)
        let meanZ = points.reduce(0) { $0 + $1.z } / k
        let meanLog = points.reduce(0) { $0 + $1.log } / k
        let varianceZ = points.reduce(0) { $0 + ($1.z - meanZ) * ($1.z - meanZ) }
        let covariance = points.reduce(0) { $0 + ($1.z - meanZ) * ($1.log - meanLog) }
        let slope = points.count >= 2 && varianceZ > 1e-12 ? max(0, covariance / varianceZ) : priorSpread
        let sigma = max(spreadFloor, (k * slope + priorWeight * priorSpread) / (k + priorWeight))
        return (meanLog - sigma * meanZ, sigma)
    }
}
