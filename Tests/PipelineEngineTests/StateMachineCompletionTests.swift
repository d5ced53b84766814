import Foundation
import PipelineLanguage
import PipelineStore
import Testing

@testable import PipelineEngine

/// The scheduler's state machine: tasks released by their own dependencies, cached tasks
/// completing inline, and what a run counts. No I/O: each test runs in microseconds.
@Suite struct StateMachineCompletionTests {
    @Test func chainStartsEachTaskWhenItsDependencyIsDone() throws {
        let fixture = try PlanFixture(images: ["a.png"])
        let plan = try fixture.plan(Pipelines.launch)
        var driver = MachineDriver(plan)
        driver.start()
        #expect(driver.started == plan.ids("thumbs"))
        for stage in ["thumbs", "clips", "files"] {
            let id = try #require(plan.ids(stage).first)
            driver.succeed(id, outputs: ["path": .string(id)])
            #expect(driver.running.count == 1)
        }
        #expect(driver.started == plan.tasks.map(\.id))
        let summary = driver.succeedAll()
        #expect(summary.outcome == .succeeded)
        #expect(summary.succeeded == 4)
        #expect(summary.tasks == 4)
        #expect(driver.notRun.isEmpty)
        #expect(driver.events.isEmpty)
        #expect(driver.machine.state.allSatisfy { $0 == .done })
    }

    @Test func aStartedTaskGetsItsUpstreamOutputs() throws {
        let fixture = try PlanFixture(images: ["a.png"])
        let plan = try fixture.plan(Pipelines.chain())
        var driver = MachineDriver(plan)
        driver.start()
        let thumb = try #require(plan.ids("thumbs").first)
        let final = try #require(plan.ids("final").first)
        #expect(driver.upstream[thumb] == [:])
        driver.succeed(thumb, outputs: ["path": .string("out/.work/a.png"), "width": .number(16)])
        #expect(driver.upstream[final] == [thumb: ["path": .string("out/.work/a.png"), "width": .number(16)]])
    }

    @Test func fanOutReleasesOnlyTheTasksOfTheFinishedProducer() throws {
        let fixture = try PlanFixture(images: ["a.png", "b.png", "c.png"])
        let plan = try fixture.plan(Pipelines.chain())
        var driver = MachineDriver(plan)
        driver.start()
        #expect(driver.started == plan.ids("thumbs"))
        driver.succeed(plan.ids("thumbs")[1])
        #expect(driver.started.last == plan.ids("final")[1])
        #expect(driver.running == [plan.ids("thumbs")[0], plan.ids("thumbs")[2], plan.ids("final")[1]])
    }

    @Test func aTaskWithSeveralDependenciesStartsOnceAllAreDone() throws {
        let fixture = try PlanFixture(images: ["a.png", "b.png"])
        let plan = try fixture.plan(Pipelines.fanIn)
        let clip = try #require(plan.ids("clip").first)
        #expect(plan.task(id: clip)?.dependencies.count == 2)
        var driver = MachineDriver(plan)
        driver.start()
        driver.succeed(plan.ids("thumbs")[0])
        #expect(!driver.started.contains(clip))
        driver.succeed(plan.ids("thumbs")[1])
        #expect(driver.started.filter { $0 == clip }.count == 1)
        #expect(driver.queued.filter { $0 == clip }.count == 1)
    }

    @Test func aCachedRootReleasesItsDependantExactlyOnce() throws {
        let fixture = try PlanFixture(images: ["a.png"])
        let plan = try fixture.plan(Pipelines.chain())
        let thumb = try #require(plan.tasks.first { $0.stage == "thumbs" })
        let final = try #require(plan.ids("final").first)
        var driver = MachineDriver(plan, dispositions: [thumb.id: Dispositions.cached(thumb)])
        driver.start()
        #expect(driver.cachedEvents == [thumb.id])
        #expect(driver.queued == [final])
        #expect(driver.started == [final])
        let summary = driver.succeedAll()
        #expect(driver.started == [final])
        #expect(summary.cached == 1)
        #expect(summary.succeeded == 1)
        #expect(summary.outcome == .succeeded)
    }

    @Test func cachedRootsOfOneDependantReleaseItOnce() throws {
        let fixture = try PlanFixture(images: ["a.png", "b.png", "c.png"])
        let plan = try fixture.plan(Pipelines.fanIn)
        var dispositions: [String: TaskDisposition] = [:]
        for task in plan.tasks where task.stage == "thumbs" { dispositions[task.id] = Dispositions.cached(task) }
        var driver = MachineDriver(plan, dispositions: dispositions)
        driver.start()
        #expect(driver.started == plan.ids("clip"))
        #expect(driver.queued == plan.ids("clip"))
        #expect(driver.cachedEvents == plan.ids("thumbs"))
    }

    @Test func aCachedChainCompletesInlineAndWritesNoRows() throws {
        let fixture = try PlanFixture(images: ["a.png", "b.png"])
        let plan = try fixture.plan(Pipelines.chain())
        var dispositions: [String: TaskDisposition] = [:]
        for task in plan.tasks { dispositions[task.id] = Dispositions.cached(task) }
        var driver = MachineDriver(plan, dispositions: dispositions)
        driver.start()
        #expect(driver.started.isEmpty)
        #expect(Set(driver.cachedEvents) == Set(plan.tasks.map(\.id)))
        #expect(driver.cachedEvents.count == plan.tasks.count)
        let summary = driver.finish()
        #expect(summary.cached == 4)
        #expect(summary.succeeded == 0)
        #expect(summary.outcome == .succeeded)
        #expect(driver.notRun.isEmpty)
    }

    @Test func cachedOutputsAreParsedOnlyWhenADependantStarts() throws {
        let fixture = try PlanFixture(images: ["a.png", "b.png"])
        let plan = try fixture.plan(Pipelines.chain())
        var dispositions: [String: TaskDisposition] = [:]
        for task in plan.tasks { dispositions[task.id] = Dispositions.cached(task) }
        var allCached = MachineDriver(plan, dispositions: dispositions)
        allCached.start()
        allCached.finish()
        #expect(allCached.machine.cachedOutputsParsed == 0)

        let thumb = try #require(plan.tasks.first { $0.stage == "thumbs" })
        let json = #"{"$key":{"inputs":"i","parameters":"p"},"path":"out/.work/a-16.png","width":16}"#
        var oneToRun = MachineDriver(plan, dispositions: [thumb.id: Dispositions.cached(thumb, outputs: json)])
        oneToRun.start()
        #expect(oneToRun.machine.cachedOutputsParsed == 1)
        let final = plan.ids("final")[0]
        #expect(oneToRun.upstream[final] == [thumb.id: ["path": .string("out/.work/a-16.png"), "width": .number(16)]])
    }

    @Test func heldAndResumableTasksQueueLikeTasksToRun() throws {
        let fixture = try PlanFixture(images: ["a.png", "b.png"])
        let plan = try fixture.plan(Pipelines.launch)
        let clips = plan.tasks.filter { $0.stage == "clips" }
        var driver = MachineDriver(
            plan,
            dispositions: [
                clips[0].id: .held(Dispositions.job(clips[0])),
                clips[1].id: .resumable(Dispositions.job(clips[1], state: .submitted, projectID: "p-1")),
            ])
        driver.start()
        for thumb in plan.ids("thumbs") { driver.succeed(thumb) }
        #expect(driver.queued.filter { $0.hasPrefix("clips") } == clips.map(\.id))
        #expect(driver.running == clips.map(\.id))
        let summary = driver.succeedAll()
        #expect(summary.succeeded == 8)
        #expect(summary.outcome == .succeeded)
    }

    @Test func theSummaryCountsEveryTaskAndTheCreditsSpent() throws {
        let fixture = try PlanFixture(images: ["a.png", "b.png", "c.png"])
        let plan = try fixture.plan(Pipelines.launch)
        let thumbs = plan.tasks.filter { $0.stage == "thumbs" }
        var driver = MachineDriver(plan, dispositions: [thumbs[0].id: Dispositions.cached(thumbs[0])])
        driver.start()
        driver.fail(thumbs[1].id)
        driver.succeed(thumbs[2].id)
        driver.succeed(plan.ids("clips")[0], credits: 120)
        driver.succeed(plan.ids("clips")[2], credits: 300)
        let summary = driver.succeedAll()
        #expect(summary.runID == "run-1")
        #expect(summary.tasks == 12)
        #expect(summary.cached == 1)
        #expect(summary.succeeded == 7)
        #expect(summary.failed == 1)
        #expect(summary.skipped == 3)
        #expect(summary.uncertain == 0)
        #expect(summary.creditsSpent == 420)
        #expect(summary.failures.map { $0.task } == [thumbs[1].id])
        #expect(summary.failures.map { $0.error } == ["boom"])
        #expect(summary.cached + summary.succeeded + summary.failed + summary.skipped == summary.tasks)
        #expect(summary.outcome == .failed)
        #expect(summary.seconds == 0)
        #expect(summary.storeErrors.isEmpty)
    }

    @Test func theRunningCountsAreBackToZeroAtTheEnd() throws {
        let fixture = try PlanFixture(images: ["a.png", "b.png", "c.png"])
        let plan = try fixture.plan(Pipelines.launch)
        var driver = MachineDriver(plan, maxParallel: 3, cpuParallel: 1)
        driver.start()
        driver.succeedAll()
        #expect(driver.machine.running == 0)
        #expect(driver.machine.runningByStage.values.allSatisfy { $0 == 0 })
        #expect(driver.machine.runningByWorkload.values.allSatisfy { $0 == 0 })
        #expect(Set(driver.started) == Set(plan.tasks.map(\.id)))
        #expect(driver.started.count == plan.tasks.count)
    }
}
