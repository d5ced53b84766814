/// Where and when a model's facts were read.
public struct FactSource: Sendable, Hashable {
    /// The date of the statement (YYYY-MM-DD or YYYY-MM).
    public var date: String
    /// The document, e.g. "magic-hour 0.90.0 (PyPI) v1_image_to_video_create_body.py".
    public var reference: String

    public init(date: String, _ reference: String) {
        self.date = date
        self.reference = reference
    }

    /// The Python SDK 0.90.0: the newest per-model rules (durations, resolutions, audio, end image).
    public static let sdk090 = FactSource(
        date: "2026-10",
        "magic-hour 0.90.0 (PyPI) types/params/v1_image_to_video_create_body*.py; prices: docs models.mdx 2026-08-22")
    /// The docs and published OpenAPI file of 2026-08-22, for models the SDK's docstrings no longer describe.
    public static let docs202608 = FactSource(
        date: "2026-08-22", "docs api-reference/openapi.json and models.mdx (magichourhq/docs f5df0c5)")
}
