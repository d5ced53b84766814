/// `pipeline run --worker`: this process joins the pipeline's shared run (or begins it) and
/// takes its tasks one claim at a time, beside other workers on this machine or others that
/// share the state store.
public struct WorkerOptions: Sendable, Equatable {
    /// Seconds a claim lasts without renewal: a worker that stops renewing (killed, paused, cut
    /// off) loses its tasks to the others this long after its last renewal.
    public var lease: Double

    /// The default lease: 30 s, renewed every 10 s.
    public static let defaultLease = 30.0

    public init(lease: Double = WorkerOptions.defaultLease) {
        self.lease = max(1, lease)
    }

    /// How often the lease is renewed: a third of it, so two renewals may fail before it ends.
    public var renewalInterval: Double { lease / 3 }

    /// How soon a task another worker holds is looked at again.
    public var recheckInterval: Double { min(1, lease / 4) }
}
