import Foundation
import PipelineBasics
import PipelineLanguage
import PipelineStore
import Testing

@testable import PipelineEngine

/// What the engine's refusals say: the problem and its numbers, "nothing was started" where
/// nothing was, and a fix only the CLI can spell as a `Remedy` phrase, never as a flag.
@Suite struct EngineErrorTests {
    static let holder = LockHolder(pid: 4242, host: "render-box", startedAt: Date(timeIntervalSince1970: 1_790_000_000))

    @Test func unpricedTasksNameTheRemedyInWords() {
        let one = EngineError.unpriced(tasks: 1).description
        #expect(one.hasPrefix("1 paid task to run has no published price (see `pipeline plan`)"))
        #expect(one.contains("give its price in settings.prices, or pass \(Remedy.allowUnpriced.phrase)"))
        #expect(one.hasSuffix("; nothing was started"))
        #expect(!one.contains("--"))
        let three = EngineError.unpriced(tasks: 3).description
        #expect(three.hasPrefix("3 paid tasks to run have no published price"))
    }

    @Test func overBudgetSaysHowFarOver() {
        let text = EngineError.overBudget(needed: 1_200, budget: 1_000).description
        #expect(
            text
                == "this run would spend 1200 credits, 200 more than settings.budget_credits (1000); nothing was started"
        )
    }

    @Test func insufficientBalanceSaysHowShort() {
        let text = EngineError.insufficientBalance(needed: 500, balance: 120).description
        #expect(text.contains("would spend 500 credits but the Magic Hour account has 120 (380 short)"))
        #expect(text.hasSuffix("nothing was started"))
    }

    @Test func aHeldLockNamesItsHolderAndFile() {
        let text = EngineError.lockHeld(holder: Self.holder, lockFile: "/p/.pipeline/launch.lock").description
        #expect(text.hasPrefix("another run of this pipeline is in progress (pid 4242 on render-box since "))
        #expect(text.hasSuffix("; lock file /p/.pipeline/launch.lock"))
    }

    @Test func aLockWaitInVainSaysHowLongAndWhoHeldIt() {
        let known = EngineError.lockWaitTimedOut(holder: Self.holder, seconds: 90).description
        #expect(known.hasPrefix("gave up waiting 90 s for the previous run to finish (pid 4242 on render-box"))
        let unknown = EngineError.lockWaitTimedOut(holder: nil, seconds: 1.5).description
        #expect(unknown == "gave up waiting 1.5 s for the previous run to finish")
    }

    @Test func anUnknownAccountNamesTheSettingsThatNeedIt() {
        let text = EngineError.accountUnknown(reason: "HTTP 503").description
        #expect(text.contains("settings.budget.account and settings.max_parallel_creates"))
        #expect(text.contains("(HTTP 503)"))
        #expect(text.hasSuffix("nothing was started"))
    }

    @Test func aStoreErrorIsPassedOnAsItWasSaid() {
        let message = StateStoreError.diskFull(path: "/s.db").description
        #expect(EngineError.store(message).description == message)
    }

    @Test func anInvalidPipelineCountsItsErrors() throws {
        let fixture = try PlanFixture(images: [])
        let compilation = PipelineCompiler().compile(
            source: SourceFile(
                path: fixture.path + "/broken.yaml", text: "version: 1\nname: x\nstages: {}\nbogus: 1\n"),
            baseDirectory: fixture.path, options: PlanOptions(computeCacheKeys: false, environment: [:]))
        #expect(compilation.hasErrors)
        let text = EngineError.invalidPipeline(compilation).description
        #expect(text == "\(fixture.path)/broken.yaml has \(compilation.errors.count) error(s)")
        #expect(compilation.errors.count >= 1)
    }

    @Test func noRefusalNamesACommandLineFlag() throws {
        let fixture = try PlanFixture(images: [])
        let compilation = PipelineCompiler().compile(
            source: SourceFile(path: fixture.path + "/p.yaml", text: "version: 1\n"), baseDirectory: fixture.path,
            options: PlanOptions(computeCacheKeys: false, environment: [:]))
        let every: [EngineError] = [
            .invalidPipeline(compilation), .lockHeld(holder: Self.holder, lockFile: "/l"),
            .lockWaitTimedOut(holder: nil, seconds: 3), .overBudget(needed: 2, budget: 1), .unpriced(tasks: 2),
            .insufficientBalance(needed: 2, balance: 1), .accountUnknown(reason: "offline"), .store("broken"),
        ]
        for error in every {
            #expect(!error.description.contains("--"), "\(error)")
        }
    }
}
