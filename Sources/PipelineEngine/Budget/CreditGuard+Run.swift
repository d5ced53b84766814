import Foundation
import PipelineStore

extension CreditGuard {
    /// The guard of a run about to start: its limits from the plan's settings, the balance and the
    /// account read at start. Warns (without refusing: a daily limit is a pace, the rest is done
    /// on a later day) when the credits to spend exceed what a fleet limit has left.
    static func forRun(
        _ prepared: PreparedRun, account: RunAccount?, store: any StateStore, observer: any RunObserver
    ) async throws -> CreditGuard {
        let settings = prepared.plan.pipeline.settings
        let pipeline = prepared.plan.pipeline.name
        let limits = RunCreditLimits.limits(
            settings: settings, runID: prepared.runID, pipeline: pipeline, accountID: account?.id,
            balance: account?.credits)
        let fleet = RunCreditLimits.fleet(settings.fleet, pipeline: pipeline, accountID: account?.id)
        if !fleet.isEmpty, prepared.creditsToSpend > 0 {
            let usage: [CreditUsage]
            do {
                usage = try await store.creditUsage(limits: fleet, at: Date())
            } catch {
                throw EngineError.store(String(describing: error))
            }
            for entry in usage where entry.remaining < prepared.creditsToSpend {
                observer.observe(
                    .warning(
                        "\(entry.limit.name): \(entry.remaining) of \(entry.limit.credits) credits left (\(entry.spent) spent, \(entry.reserved) reserved); this run needs \(prepared.creditsToSpend): creates beyond the limit will be refused"
                    ))
            }
        }
        return CreditGuard(
            store: store,
            spender: CreditSpender(runID: prepared.runID, pipeline: pipeline, account: account?.id),
            limits: limits, maxParallelCreates: settings.fleet.maxParallelCreates, observer: observer)
    }
}
