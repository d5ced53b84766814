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
        #expect(after.median == 4)
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
