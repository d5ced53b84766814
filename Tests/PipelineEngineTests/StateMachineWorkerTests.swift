import Foundation
import PipelineLanguage
import PipelineStore
import Testing

@testable import PipelineEngine

/// The state machine in a shared run: tasks another worker holds are parked (their slot freed)
/// and tried again later; tasks another worker did count apart.
@Suite struct StateMachineWorkerTests {
    static let images = (1...4).map { "img\($0).png" }

    @Test func aParkedTaskFreesItsSlotForTheNextQueuedTask() throws {
        let fixture = try PlanFixture(images: Self.images)
        let plan = try fixture.plan(Pipelines.chain())
        var driver = MachineDriver(plan, maxParallel: 2)
        driver.start()
        let first = plan.ids("thumbs")
        #expect(driver.running == Array(first.prefix(2)))
        driver.park(first[0])
        #expect(driver.running == [first[1], first[2]])
        #expect(driver.machine.parked == 1)
        #expect(driver.machine.state[driver.machine.index(of: first[0])!] == .parked)
    }

    @Test func anUnparkedTaskJoinsTheQueueAgainAndRuns() throws {
        let fixture = try PlanFixture(images: Self.images)
        let plan = try fixture.plan(Pipelines.chain())
        var driver = MachineDriver(plan, maxParallel: 1)
        driver.start()
        let thumbs = plan.ids("thumbs")
        driver.park(thumbs[0])
        #expect(driver.running == [thumbs[1]])
        driver.unpark(thumbs[0])
        #expect(driver.machine.parked == 0)
        // It waits its turn behind the queue: nothing more starts while the slot is taken.
        #expect(driver.running == [thumbs[1]])
        let summary = driver.succeedAll()
        #expect(summary.succeeded == plan.tasks.count)
        #expect(driver.started.filter { $0 == thumbs[0] }.count == 2)
    }

    @Test func unparkingATaskThatIsNotParkedChangesNothing() throws {
        let fixture = try PlanFixture(images: Self.images)
        let plan = try fixture.plan(Pipelines.chain())
        var driver = MachineDriver(plan, maxParallel: 2)
        driver.start()
        let before = driver.running
        driver.unpark(plan.ids("thumbs")[0])
        driver.unpark(plan.ids("thumbs")[3])
        #expect(driver.running == before)
        #expect(driver.queued.count == plan.ids("thumbs").count)
    }

    @Test func aTaskStillParkedWhenTheRunIsCancelledIsSkippedAsInterrupted() throws {
        let fixture = try PlanFixture(images: Self.images)
        let plan = try fixture.plan(Pipelines.chain())
        var driver = MachineDriver(plan, maxParallel: 1)
        driver.start()
        let thumbs = plan.ids("thumbs")
        driver.park(thumbs[0])
        driver.cancel()
        driver.unpark(thumbs[0])
        while let running = driver.running.first { driver.fail(running, TaskFailure("interrupted", retryable: false)) }
        let summary = driver.finish()
        #expect(summary.outcome == .interrupted)
        #expect(driver.skipReasons[thumbs[0]] == "interrupted")
    }

    @Test func aTaskAnotherWorkerDidCountsApartAndReleasesItsDependants() throws {
        let fixture = try PlanFixture(images: ["img1.png"])
        let plan = try fixture.plan(Pipelines.chain())
        var driver = MachineDriver(plan)
        driver.start()
        let thumb = plan.ids("thumbs")[0]
        var elsewhere = TaskResult(outputs: ["path": .string("thumbs/img1.png")])
        elsewhere.doneElsewhere = true
        guard let index = driver.machine.index(of: thumb) else { return }
        driver.running.removeAll { $0 == thumb }
        let action = driver.machine.taskFinished(index, .success(elsewhere))
        #expect(action.start.count == 1)
        #expect(action.start.first?.upstream[thumb]?["path"] == .string("thumbs/img1.png"))
        #expect(driver.machine.summary.doneElsewhere == 1)
        #expect(driver.machine.summary.succeeded == 1)
    }
}
