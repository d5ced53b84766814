import Foundation
import PipelineBasics
import PipelineLanguage
import PipelineStore
import Testing

@testable import PipelineEngine

/// The state machine on failures, uncertain tasks and cancellation.
@Suite struct StateMachineFailureTests {
    @Test func aFailureSkipsItsDependantsAndIndependentBranchesGoOn() throws {
        let fixture = try PlanFixture(images: ["a.png", "b.png"])
        let plan = try fixture.plan(Pipelines.chain())
        let (thumbA, thumbB) = (plan.ids("thumbs")[0], plan.ids("thumbs")[1])
        let (finalA, finalB) = (plan.ids("final")[0], plan.ids("final")[1])
        var driver = MachineDriver(plan)
        driver.start()
        driver.fail(thumbA, TaskFailure("corrupt image", retryable: false))
        #expect(driver.skipReasons == [finalA: "depends on failed \(thumbA)"])
        #expect(
            driver.notRun == [.init(index: 2, taskID: finalA, status: .skipped, reason: "depends on failed \(thumbA)")])
        driver.succeed(thumbB)
        #expect(driver.running == [finalB])
        let summary = driver.succeedAll()
        #expect(summary.succeeded == 2)
        #expect(summary.failed == 1)
        #expect(summary.skipped == 1)
        #expect(summary.outcome == .failed)
        #expect(summary.failures.map { $0.error } == ["corrupt image"])
        #expect(driver.machine.state[2] == .skipped)
        #expect(driver.machine.state[0] == .failed)
    }

    @Test func aFailureSkipsEveryTaskDownstreamWithTheSameReason() throws {
        let fixture = try PlanFixture(images: ["a.png"])
        let plan = try fixture.plan(Pipelines.launch)
        let thumb = plan.ids("thumbs")[0]
        var driver = MachineDriver(plan)
        driver.start()
        driver.fail(thumb)
        let downstream = ["clips", "files", "final"].flatMap(plan.ids)
        #expect(Set(driver.skipReasons.keys) == Set(downstream))
        #expect(Set(driver.skipReasons.values) == ["depends on failed \(thumb)"])
        #expect(driver.notRun.count == 3)
        #expect(driver.notRun.allSatisfy { $0.status == .skipped })
        // The rows and the events say the same, in the same order.
        let eventOrder = driver.events.compactMap { event -> String? in
            if case .taskSkipped(let task, _, _) = event { return task }
            return nil
        }
        #expect(driver.notRun.map(\.taskID) == eventOrder)
        let summary = driver.finish()
        #expect(summary.skipped == 3)
        #expect(driver.notRun.count == 3)
    }

    @Test func failFastStartsNothingMoreAndSkipsTheRest() throws {
        let fixture = try PlanFixture(images: ["a.png", "b.png", "c.png"])
        let plan = try fixture.plan(Pipelines.chain())
        let thumbs = plan.ids("thumbs")
        let finals = plan.ids("final")
        var driver = MachineDriver(plan, cpuParallel: 2, failFast: true)
        driver.start()
        #expect(driver.running == Array(thumbs.prefix(2)))
        driver.fail(thumbs[0])
        #expect(driver.machine.stopping)
        #expect(driver.running == [thumbs[1]])
        driver.succeed(thumbs[1])
        #expect(driver.running.isEmpty)
        #expect(driver.started == Array(thumbs.prefix(2)))
        let summary = driver.finish()
        let stopped = "not started: the run stopped after a failure"
        #expect(
            driver.skipReasons == [
                finals[0]: "depends on failed \(thumbs[0])", thumbs[2]: stopped, finals[1]: stopped, finals[2]: stopped,
            ])
        #expect(summary.skipped == 4)
        #expect(summary.failed == 1)
        #expect(summary.succeeded == 1)
        #expect(summary.outcome == .failed)
    }

    @Test func aFailureThatStopsTheRunStopsItWithoutFailFast() throws {
        let fixture = try PlanFixture(images: ["a.png", "b.png"])
        let plan = try fixture.plan(Pipelines.chain())
        var driver = MachineDriver(plan, cpuParallel: 1)
        driver.start()
        driver.fail(plan.ids("thumbs")[0], TaskFailure("the state store could not …", retryable: false, stopsRun: true))
        #expect(driver.running.isEmpty)
        let summary = driver.finish()
        #expect(driver.skipReasons[plan.ids("thumbs")[1]] == "not started: the run stopped after a failure")
        #expect(summary.failed == 1)
        #expect(summary.skipped == 3)
        #expect(summary.outcome == .failed)
    }

    @Test func anOrdinaryFailureDoesNotStopTheRun() throws {
        let fixture = try PlanFixture(images: ["a.png", "b.png"])
        let plan = try fixture.plan(Pipelines.chain())
        var driver = MachineDriver(plan, cpuParallel: 1)
        driver.start()
        driver.fail(plan.ids("thumbs")[0], TaskFailure("timed out after 300 s", retryable: true))
        #expect(!driver.machine.stopping)
        #expect(driver.running == [plan.ids("thumbs")[1]])
    }

    @Test func anUncertainTaskIsSkippedWithItsDependants() throws {
        let fixture = try PlanFixture(images: ["a.png"])
        let plan = try fixture.plan(Pipelines.paid)
        let clip = try #require(plan.tasks.first { $0.stage == "clip" })
        let (file, named) = (plan.ids("file")[0], plan.ids("named")[0])
        var driver = MachineDriver(plan, dispositions: [clip.id: .uncertain(Dispositions.job(clip))])
        driver.start()
        #expect(driver.started.isEmpty)
        #expect(driver.notRun.map(\.taskID) == [clip.id, file, named])
        #expect(driver.notRun.map(\.status) == [.uncertain, .skipped, .skipped])
        let reason = try #require(driver.skipReasons[clip.id])
        #expect(reason.hasPrefix("uncertain: a create call for this task (intent at "))
        // The engine names the fix in words; the CLI spells it as its flag.
        #expect(reason.hasSuffix("check the Magic Hour dashboard, then rerun with \(Remedy.resubmitUncertain.phrase)"))
        #expect(!reason.contains("--"))
        #expect(driver.skipReasons[file] == "depends on uncertain \(clip.id)")
        #expect(driver.skipReasons[named] == "depends on uncertain \(clip.id)")
        let summary = driver.finish()
        #expect(summary.uncertain == 1)
        #expect(summary.skipped == 2)
        #expect(summary.failed == 0)
        #expect(summary.outcome == .uncertain)
        #expect(driver.notRun.count == 3)
    }

    @Test func anUncertainFailureCountsAsUncertainAndSkipsItsDependants() throws {
        let fixture = try PlanFixture(images: ["a.png"])
        let plan = try fixture.plan(Pipelines.paid)
        let clip = plan.ids("clip")[0]
        var driver = MachineDriver(plan)
        driver.start()
        driver.fail(clip, TaskFailure("the create call got no answer", retryable: true, uncertain: true))
        // The task's own row is its attempt's; the machine adds only its dependants'.
        #expect(driver.notRun.map(\.taskID) == plan.ids("file") + plan.ids("named"))
        #expect(Set(driver.skipReasons.values) == ["depends on uncertain \(clip)"])
        let summary = driver.finish()
        #expect(summary.uncertain == 1)
        #expect(summary.failed == 0)
        #expect(summary.failures.map { $0.task } == [clip])
        #expect(summary.outcome == .uncertain)
    }

    @Test func aFailureOutweighsAnUncertainTaskInTheOutcome() throws {
        let fixture = try PlanFixture(images: ["a.png", "b.png"])
        let plan = try fixture.plan(Pipelines.launch)
        let clips = plan.tasks.filter { $0.stage == "clips" }
        var driver = MachineDriver(plan, dispositions: [clips[0].id: .uncertain(Dispositions.job(clips[0]))])
        driver.start()
        driver.succeed(plan.ids("thumbs")[0])
        driver.fail(plan.ids("thumbs")[1])
        let summary = driver.finish()
        #expect(summary.uncertain == 1)
        #expect(summary.failed == 1)
        #expect(summary.outcome == .failed)
    }

    @Test func afterACancelNothingStartsAndWaitingTasksAreInterrupted() throws {
        let fixture = try PlanFixture(images: ["a.png", "b.png", "c.png"])
        let plan = try fixture.plan(Pipelines.chain())
        let thumbs = plan.ids("thumbs")
        var driver = MachineDriver(plan, maxParallel: 1)
        driver.start()
        #expect(driver.running == [thumbs[0]])
        driver.cancel()
        driver.succeed(thumbs[0])
        #expect(driver.running.isEmpty)
        #expect(driver.started == [thumbs[0]])
        let summary = driver.finish()
        #expect(Set(driver.skipReasons.keys) == Set(plan.tasks.map(\.id).filter { $0 != thumbs[0] }))
        #expect(Set(driver.skipReasons.values) == ["interrupted"])
        #expect(summary.skipped == 5)
        #expect(summary.succeeded == 1)
        #expect(summary.outcome == .interrupted)
    }

    @Test func aCancelBeforeTheStartStartsNothing() throws {
        let fixture = try PlanFixture(images: ["a.png", "b.png"])
        let plan = try fixture.plan(Pipelines.chain())
        var driver = MachineDriver(plan)
        driver.cancel()
        driver.start()
        #expect(driver.started.isEmpty)
        let summary = driver.finish()
        #expect(summary.skipped == 4)
        #expect(summary.outcome == .interrupted)
        #expect(driver.notRun.allSatisfy { $0.reason == "interrupted" && $0.status == .skipped })
    }

    @Test func anInterruptedTaskSkipsItsDependantsAsFailedAndTheRestAsInterrupted() throws {
        let fixture = try PlanFixture(images: ["a.png", "b.png"])
        let plan = try fixture.plan(Pipelines.chain())
        let thumbs = plan.ids("thumbs")
        let finals = plan.ids("final")
        var driver = MachineDriver(plan, maxParallel: 1)
        driver.start()
        driver.cancel()
        driver.fail(thumbs[0], TaskFailure("interrupted", retryable: false))
        let summary = driver.finish()
        #expect(
            driver.skipReasons == [
                finals[0]: "depends on failed \(thumbs[0])", thumbs[1]: "interrupted", finals[1]: "interrupted",
            ])
        #expect(summary.failed == 1)
        #expect(summary.skipped == 3)
        // Interrupted outweighs failed.
        #expect(summary.outcome == .interrupted)
    }

    @Test func aCancelAfterAFailureStopSaysInterrupted() throws {
        let fixture = try PlanFixture(images: ["a.png", "b.png"])
        let plan = try fixture.plan(Pipelines.chain())
        var driver = MachineDriver(plan, maxParallel: 1, failFast: true)
        driver.start()
        driver.fail(plan.ids("thumbs")[0])
        driver.cancel()
        driver.finish()
        #expect(driver.skipReasons[plan.ids("thumbs")[1]] == "interrupted")
    }
}
