/// Where a task's price comes from: the catalog's published price, or the pipeline's own
/// `settings.prices` entry (for an unpriced model, or to correct the catalog).
public enum PriceSource: String, Sendable, Hashable, CaseIterable {
    case catalog
    case settings = "settings.prices"
}
