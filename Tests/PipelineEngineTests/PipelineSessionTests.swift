import Foundation
import PipelineLanguage
import PipelineStore
import Testing

@testable import PipelineEngine

/// `prepare` keys the tasks the session planned rather than planning again, but never a plan
/// that may no longer match the files: one older than `planReuseWindow` (a run that waited for
/// the lock) or one whose files went away meanwhile is planned again.
@Suite struct PipelineSessionTests {
    private static func session(_ fixture: PlanFixture) throws -> PipelineSession {
        try fixture.write("test.yaml", Pipelines.chain())
        return try PipelineSession(
            file: PathText.join(fixture.path, "test.yaml"),
            options: RunOptions(statePath: PathText.join(fixture.path, "state.db"), environment: [:]))
    }

    private static func prepare(
        _ session: PipelineSession, _ fixture: PlanFixture, saveFingerprints: Bool = true
    ) async throws -> PreparedRun {
        let store = try SQLiteStateStore(path: PathText.join(fixture.path, "state.db"))
        defer { try? store.close() }
        return try await session.prepare(store: store, runID: "run-1", saveFingerprints: saveFingerprints)
    }

    @Test func aFreshPlanIsKeyedWithTheKeysOfAFullPlan() async throws {
        let fixture = try PlanFixture()
        let session = try Self.session(fixture)
        let prepared = try await Self.prepare(session, fixture)
        let full = try fixture.plan(Pipelines.chain(), keys: true)
        #expect(prepared.plan.tasks.map(\.id) == full.tasks.map(\.id))
        #expect(prepared.plan.tasks.map(\.cacheKey) == full.tasks.map(\.cacheKey))
        #expect(prepared.plan.tasks.allSatisfy { !$0.cacheKey.isEmpty })
    }

    @Test func aPlanOlderThanTheWindowIsPlannedAgainAndSeesANewFile() async throws {
        let fixture = try PlanFixture()
        let session = try Self.session(fixture)
        #expect(session.plan.tasks.count == 4)
        try fixture.write("c.png", "c.png")
        try await Task.sleep(for: PipelineSession.planReuseWindow + .milliseconds(100))
        let prepared = try await Self.prepare(session, fixture)
        #expect(prepared.plan.tasks.count == 6)
        #expect(prepared.plan.task(id: "thumbs[c.png]") != nil)
    }

    /// Without fingerprinting (`status`, `report`), the key pass finds the file unreadable and the
    /// session plans again, which leaves it out. A run fingerprints the files first and stops there,
    /// naming the file, as it did when it always planned again.
    @Test func aFileGoneAfterTheSessionIsDroppedAsAFullPlanWould() async throws {
        let fixture = try PlanFixture()
        let session = try Self.session(fixture)
        try FileManager.default.removeItem(atPath: PathText.join(fixture.path, "b.png"))
        let prepared = try await Self.prepare(session, fixture, saveFingerprints: false)
        #expect(prepared.plan.tasks.map(\.id).sorted() == ["final[a.png]", "thumbs[a.png]"])
        #expect(prepared.compilation.errors.isEmpty)
        await #expect { try await Self.prepare(session, fixture) } throws: { error in
            String(describing: error).contains("b.png")
        }
    }
}
