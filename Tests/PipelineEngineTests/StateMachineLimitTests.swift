import Foundation
import PipelineLanguage
import PipelineStore
import Testing

@testable import PipelineEngine

/// The state machine within the run's, the stages' and the workloads' limits. The driver checks
/// after every action that no limit is exceeded; these tests check that each limit is reached.
@Suite struct StateMachineLimitTests {
    static let images = (1...6).map { "img\($0).png" }

    @Test func theRunLimitHoldsAcrossStages() throws {
        let fixture = try PlanFixture(images: Self.images)
        let plan = try fixture.plan(Pipelines.launch)
        var driver = MachineDriver(plan, maxParallel: 3)
        driver.start()
        #expect(driver.running.count == 3)
        let summary = driver.succeedAll()
        #expect(driver.peak == 3)
        #expect(summary.succeeded == 24)
    }

    @Test func aStageLimitHoldsBelowTheRunLimit() throws {
        let fixture = try PlanFixture(images: Self.images)
        let plan = try fixture.plan(Pipelines.chain(thumbsLimit: 2))
        var driver = MachineDriver(plan)
        driver.start()
        #expect(driver.running == Array(plan.ids("thumbs").prefix(2)))
        driver.succeedAll()
        #expect(driver.peakByStage["thumbs"] == 2)
        #expect(driver.peak > 2)
    }

    @Test func theCPULimitHoldsWhileOtherWorkloadsGoOn() throws {
        let fixture = try PlanFixture(images: Self.images)
        let plan = try fixture.plan(Pipelines.chain())
        var driver = MachineDriver(plan, maxParallel: 8, cpuParallel: 2)
        driver.start()
        #expect(driver.running.count == 2)
        driver.succeed(plan.ids("thumbs")[0])
        // The rename (io) starts beside the next two resizes.
        #expect(driver.running == [plan.ids("thumbs")[1], plan.ids("thumbs")[2], plan.ids("final")[0]])
        driver.succeedAll()
        #expect(driver.peakByWorkload[.cpu] == 2)
        #expect(driver.peakByWorkload[.io] ?? 0 >= 1)
    }

    @Test func queuedTasksStartInStageOrderThenQueueOrder() throws {
        let fixture = try PlanFixture(images: ["a.png", "b.png"])
        let plan = try fixture.plan(Pipelines.chain())
        var driver = MachineDriver(plan, maxParallel: 1)
        driver.start()
        driver.succeedAll()
        #expect(driver.started == plan.ids("thumbs") + plan.ids("final"))
        #expect(driver.peak == 1)
    }

    @Test func aStageLimitOfOneRunsItsTasksOneByOne() throws {
        let fixture = try PlanFixture(images: Self.images)
        let plan = try fixture.plan(Pipelines.chain(thumbsLimit: 1))
        var driver = MachineDriver(plan, maxParallel: 1000, cpuParallel: 1000)
        driver.start()
        #expect(driver.running == [plan.ids("thumbs")[0]])
        let summary = driver.succeedAll()
        #expect(driver.peakByStage["thumbs"] == 1)
        #expect(summary.succeeded == 12)
        #expect(summary.outcome == .succeeded)
    }

    @Test func everyLimitAtOnceOverALargePlan() throws {
        let fixture = try PlanFixture(images: (1...40).map { "p\($0).png" })
        let plan = try fixture.plan(Pipelines.launch)
        var driver = MachineDriver(plan, maxParallel: 7, cpuParallel: 3)
        driver.start()
        // Every third task to finish fails; the others succeed, oldest first but for every
        // fourth, which is the newest.
        var finished = 0
        while let oldest = driver.running.first, let newest = driver.running.last {
            finished += 1
            let id = finished % 4 == 0 ? newest : oldest
            if finished % 3 == 0 { driver.fail(id) } else { driver.succeed(id) }
        }
        let summary = driver.finish()
        #expect(driver.peak == 7)
        #expect(driver.peakByWorkload[.cpu] == 3)
        #expect(summary.succeeded + summary.failed + summary.skipped == plan.tasks.count)
        #expect(Set(driver.started).count == driver.started.count)
        #expect(summary.outcome == .failed)
    }
}
