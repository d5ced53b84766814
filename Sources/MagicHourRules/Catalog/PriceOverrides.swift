/// Prices a pipeline gives for models (`settings.prices`): credits per second by resolution, with
/// an audio surcharge, the shape of the catalog's own prices. An entry replaces the catalog's
/// price at its resolution only; the model's other resolutions keep the catalog's. A price is not
/// part of the request, so it never changes a cache key.
public struct PriceOverrides: Sendable, Hashable {
    /// Prices by model name (as the request names it, or the model `default` resolves to).
    public var byModel: [String: [VideoResolution: ResolutionPrice]]

    /// The most credits per second an override may name (the catalog's dearest is 576).
    public static let maximumCreditsPerSecond = 100_000

    /// No overrides: every price is the catalog's.
    public static let none = PriceOverrides()

    public init(_ byModel: [String: [VideoResolution: ResolutionPrice]] = [:]) {
        self.byModel = byModel
    }

    public var isEmpty: Bool { byModel.isEmpty }

    /// The price of `model` at `resolution` and where it comes from: the override when there is
    /// one, else the catalog's; `nil` when neither has one.
    public func price(
        of model: VideoModel, at resolution: VideoResolution
    ) -> (
        price: ResolutionPrice, source: PriceSource
    )? {
        if let given = byModel[model.id]?[resolution] { return (given, .settings) }
        return model.prices[resolution].map { ($0, .catalog) }
    }
}
