import Foundation
import Testing

@testable import MagicHour

/// The board every wait of one client shares: estimates per endpoint and wake-ups.
@Suite("Render-time board")
struct RenderTimeBoardTests {
    @Test("a recorded render wakes a sleeping waiter, which then sees the new estimate")
    func recordWakesWaiters() async throws {
        let board = RenderTimeBoard()
        let (before, generation) = board.estimate(.imageToVideo, typical: 74)
        #expect(before.count == 0)
        let sleeper = Task {
            try await board.sleep(until: .now.advanced(by: .seconds(600)), unlessChangedSince: generation)
        }
        board.record(.imageToVideo, typical: 74, seconds: 4)
        #expect(try await sleeper.value == true)
        let (after, newGeneration) = board.estimate(.imageToVideo, typical: 74)
        #expect(abs((after.median ?? 0) - 4) < 1e-9)
        #expect(newGeneration == generation + 1)
        // Another endpoint keeps its own estimate.
        #expect(board.estimate(.textToVideo, typical: 51).estimator.count == 0)
    }

    @Test("a waiter whose generation is already old returns at once; the deadline ends a sleep unchanged")
    func staleGenerationAndDeadline() async throws {
        let board = RenderTimeBoard()
        board.record(.imageToVideo, typical: 74, seconds: 4)
        #expect(try await board.sleep(until: .now.advanced(by: .seconds(600)), unlessChangedSince: 0) == true)
        #expect(try await board.sleep(until: .now, unlessChangedSince: 1) == false)
    }

    @Test("jobs still rendering enter the estimate; a finished job leaves it; a record that moves nothing wakes nobody")
    func runningJobsAndStillEstimates() async throws {
        let board = RenderTimeBoard()
        let now = ContinuousClock.now
        // Nine jobs submitted 6 s ago, last seen unfinished at 5 s: rendering for about 5.5 s.
        let jobs = (0..<9).map { _ in board.started(.imageToVideo, submittedAt: now.advanced(by: .seconds(-6))) }
        for job in jobs { board.polled(job, elapsed: 5) }
        // Of another endpoint, and ignored by this one's estimate.
        _ = board.started(.textToVideo, submittedAt: now.advanced(by: .seconds(-60)))
        board.record(.imageToVideo, typical: 74, seconds: 2, now: now)
        let censored = try #require(board.estimate(.imageToVideo, typical: 74).estimator.median)
        // One of ten finished at 2 s: its quantile is 1/20, so the median is 2·e^(0.4·1.645).
        #expect(abs(censored - 2 * exp(0.4 * 1.6448536)) < 0.01, "\(censored)")
        for job in jobs { board.finished(job) }
        let alone = RenderTimeBoard()
        alone.record(.imageToVideo, typical: 74, seconds: 2, now: now)
        #expect(abs((alone.estimate(.imageToVideo, typical: 74).estimator.median ?? 0) - 2) < 1e-9)

        for _ in 0..<100 { alone.record(.imageToVideo, typical: 74, seconds: 2) }
        let (_, generation) = alone.estimate(.imageToVideo, typical: 74)
        alone.record(.imageToVideo, typical: 74, seconds: 2)
        #expect(alone.estimate(.imageToVideo, typical: 74).generation == generation)
        #expect(
            try await alone.sleep(until: .now.advanced(by: .milliseconds(20)), unlessChangedSince: generation) == false)
    }

    @Test("cancelling a sleeping waiter throws CancellationError")
    func cancellation() async throws {
        let board = RenderTimeBoard()
        let sleeper = Task {
            try await board.sleep(until: .now.advanced(by: .seconds(600)), unlessChangedSince: 0)
        }
        sleeper.cancel()
        await #expect(throws: CancellationError.self) { try await sleeper.value }
    }
}
