import Foundation
import PipelineBasics

/// How long the fake's projects render: log-normal around `median` with `spread` (σ of the
/// natural logarithm; 0: every project takes exactly `median`).
///
/// Each project's time is a pure function of the seed and the project's ordinal (0 for the first
/// project created), so a run repeats exactly and a benchmark can compute the ideal makespan of
/// the very times the fake will use.
public struct RenderTimeDistribution: Sendable, Equatable {
    /// The median render time.
    public var median: Duration
    /// σ of the logarithm of the render time (0.2: about two thirds within ×0.82…×1.22).
    public var spread: Double

    /// A distribution; a negative or non-finite spread counts as 0.
    public init(median: Duration, spread: Double = 0) {
        self.median = median
        self.spread = spread.isFinite ? max(0, spread) : 0
    }

    /// The render time in seconds of the project created `ordinal`-th (from 0) by a fake seeded with `seed`.
    public func seconds(ofProject ordinal: Int, seed: UInt64) -> Double {
        let median = self.median.seconds
        guard spread > 0, median > 0 else { return median }
        var generator = SeededGenerator(seed: seed ^ (UInt64(truncatingIfNeeded: ordinal) &* 0xD1B5_4A32_D192_ED03))
        // Box–Muller: one standard normal from two uniforms in (0, 1].
        let u1 = 1 - Double.random(in: 0..<1, using: &generator)
        let u2 = Double.random(in: 0..<1, using: &generator)
        let normal = (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
        return median * exp(spread * normal)
    }
}
