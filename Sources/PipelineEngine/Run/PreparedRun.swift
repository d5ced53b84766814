import PipelineBasics
import PipelineLanguage
import PipelineStore

/// A plan with cache keys and the disposition of every task: what `plan` prints and `run` runs.
public struct PreparedRun: Sendable {
    public var compilation: Compilation
    public var plan: Plan
    public var dispositions: TaskDispositions
    /// Where the state store is.
    public var state: StateLocation
    public var runID: String
    /// The input files' signatures, taken before they were hashed (a run's, for its
    /// ``UpToDateRecord``; empty for `plan`).
    public var inputSignatures: [String: PathSignature?] = [:]

    /// Credits the tasks to run will spend; resumed and cached tasks cost nothing.
    public var creditsToSpend: Int {
        // By position: a task is read in place, not copied, and no id is looked up.
        plan.tasks.indices.reduce(0) { total, index in
            let credits = plan.tasks[index].credits
            return credits != 0 && dispositions[position: index]?.spendsCredits == true ? total + credits : total
        }
    }

    /// Tasks to run that are paid but have no published price (not in `creditsToSpend`).
    public var unpricedToRun: Int {
        plan.tasks.indices.reduce(0) { total, index in
            if plan.tasks[index].isUnpriced, case .run? = dispositions[position: index] { return total + 1 }
            return total
        }
    }

    /// Task counts by disposition label.
    public var counts: (cached: Int, resumable: Int, uncertain: Int, toRun: Int, held: Int) {
        var counts = (cached: 0, resumable: 0, uncertain: 0, toRun: 0, held: 0)
        for disposition in dispositions.all {
            switch disposition {
            case .cached: counts.cached += 1
            case .resumable: counts.resumable += 1
            case .held: counts.held += 1
            case .uncertain: counts.uncertain += 1
            case .run: counts.toRun += 1
            }
        }
        return counts
    }
}
