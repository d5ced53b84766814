/// How a generation endpoint charges, as data: a rate per unit, picked by the values of some
/// fields. The planner, the budget guard and the fake all price a request through ``credits(_:input:tier:prices:)``.
public enum EndpointPrice: Sendable {
    /// What one rate is counted in.
    public enum Unit: Sendable, Hashable {
        /// Once per job.
        case job
        /// Per image, times the `count` parameter (1 when absent).
        case image(count: String)
        /// Per second of the job's segment (``GenerationEndpoint/billedSeconds(_:input:)``).
        case second
        /// Per frame of the segment: its seconds times the input's frame rate (24 when unknown),
        /// capped by the `limit` parameter when given.
        case frame(limit: String?)
        /// Per character of a text parameter.
        case character(of: String)
    }

    /// Priced by the video-model catalog (`text-to-video`, like `image-to-video`).
    case videoModel
    /// Credits per unit; `rates` keyed by the values of `rateBy` joined by `,` (absent ones take
    /// `defaults`), or under `""` when no field picks the rate. A request whose key has no rate
    /// is unpriced.
    case table(unit: Unit, rateBy: [String] = [], defaults: [String: String] = [:], rates: [String: Double])
    /// No published price: every request is unpriced.
    case unpublished

    /// One rate for every request.
    public static func flat(_ credits: Double, per unit: Unit = .job) -> EndpointPrice {
        .table(unit: unit, rates: ["": credits])
    }

    /// The frame rate a per-frame price assumes when the input's is not known.
    public static let assumedFramesPerSecond: Double = 24
}
