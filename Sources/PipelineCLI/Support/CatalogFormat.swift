import ArgumentParser

/// `pipeline models --format text|json|markdown`.
enum CatalogFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
    /// The table the README carries between its `models:begin`/`models:end` markers.
    case markdown
}
