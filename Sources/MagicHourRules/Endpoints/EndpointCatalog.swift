/// Every generation endpoint a stage type drives, as data in one place (the 2026-08 OpenAPI file,
/// SDK 0.90.0's docstrings, and the docs' prices of 2026-08-22: `magic-hour-api.md` section 8).
/// `image-to-video` keeps its own stage type (`magic_hour.image_to_video`), priced by the same
/// video-model catalog as `text-to-video` here.
public enum EndpointCatalog {
    public static let source = FactSource(
        date: "2026-08-22", "OpenAPI 2026-08, magic-hour 0.90.0 types/params, docs pricing (magic-hour-api.md §8)")

    public static let endpoints: [GenerationEndpoint] = videoEndpoints + imageEndpoints + audioEndpoints

    public static subscript(id id: String) -> GenerationEndpoint? {
        endpoints.first { $0.id == id }
    }

    public static subscript(stageType name: String) -> GenerationEndpoint? {
        endpoints.first { $0.stageTypeName == name }
    }
}
