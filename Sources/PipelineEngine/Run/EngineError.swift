import PipelineBasics
import PipelineLanguage
import PipelineStore

/// Why a run could not start or finish; the CLI maps each to its documented exit code.
public enum EngineError: Error, Sendable, CustomStringConvertible {
    /// The pipeline file has errors (the diagnostics say which).
    case invalidPipeline(Compilation)
    /// Another run of the same pipeline holds the lock.
    case lockHeld(holder: LockHolder, lockFile: String)
    /// `overlap: wait` waited for the lock in vain.
    case lockWaitTimedOut(holder: LockHolder?, seconds: Double)
    /// The credits still to spend exceed `settings.budget_credits`.
    case overBudget(needed: Int, budget: Int)
    /// Paid tasks to run have no published price, and unpriced tasks were not allowed.
    case unpriced(tasks: Int)
    /// The credits still to spend exceed the account's balance (read before the first create).
    case insufficientBalance(needed: Int, balance: Int)
    /// Account-wide limits are set but the account could not be read, so they cannot be applied.
    case accountUnknown(reason: String)
    /// The state store failed.
    case store(String)

    public var description: String {
        switch self {
        case .invalidPipeline(let compilation):
            "\(compilation.source.path) has \(compilation.errors.count) error(s)"
        case .lockHeld(let holder, let file):
            "another run of this pipeline is in progress (\(holder)); lock file \(file)"
        case .lockWaitTimedOut(let holder, let seconds):
            "gave up waiting \(Value.format(seconds)) s for the previous run to finish"
                + (holder.map { " (\($0))" } ?? "")
        case .overBudget(let needed, let budget):
            "this run would spend \(needed) credits, \(needed - budget) more than settings.budget_credits (\(budget)); nothing was started"
        case .unpriced(let tasks):
            "\(tasks) paid task\(tasks == 1 ? "" : "s") to run \(tasks == 1 ? "has" : "have") no published price "
                + "(see `pipeline plan`); pin a priced model, give its price in settings.prices, or pass "
                + "\(Remedy.allowUnpriced.phrase); nothing was started"
        case .insufficientBalance(let needed, let balance):
            "this run would spend \(needed) credits but the Magic Hour account has \(balance) (\(needed - balance) short); nothing was started"
        case .accountUnknown(let reason):
            "settings.budget.account and settings.max_parallel_creates need the Magic Hour account, which could not be read (\(reason)); nothing was started"
        case .store(let message):
            message
        }
    }
}
