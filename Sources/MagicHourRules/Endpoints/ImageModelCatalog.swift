/// The image models, as data in one place (SDK 0.90.0 of 2026-10, `types/params/v1_ai_image_*`).
public enum ImageModelCatalog {
    public static let source = FactSource(
        date: "2026-10", "magic-hour 0.90.0 types/params/v1_ai_image_*_create_body.py")

    private static let upTo4 = [1, 2, 3, 4]
    private static let squares = [1, 4, 9, 16]
    private static let all = ["640px", "1k", "2k", "4k"]

    public static let models: [ImageModel] = [
        ImageModel("flux-2-klein", from: 5, ["640px", "1k", "2k"], counts: [1], free: true),
        ImageModel("flux-schnell", from: 5, ["640px", "1k", "2k"], counts: upTo4, free: true, editor: false),
        ImageModel("gpt-image-2", from: 50, all, counts: upTo4),
        ImageModel("gpt-image-2.5-flare", from: 100, all, counts: upTo4),
        ImageModel("krea-2", from: 10, ["640px", "1k"], counts: [1], free: true),
        ImageModel("nano-banana", from: 50, ["640px", "1k"], counts: upTo4),
        ImageModel("nano-banana-2", from: 100, all, counts: squares),
        ImageModel("nano-banana-2-lite", from: 50, ["640px", "1k"], counts: upTo4),
        ImageModel("nano-banana-2.1", from: 50, all, counts: squares),
        ImageModel("nano-banana-pro", from: 150, ["1k", "2k", "4k"], counts: squares),
        ImageModel("qwen-edit", from: 10, ["640px", "1k", "2k"], counts: upTo4, free: true, generator: false),
        ImageModel("qwen-image-2.1", from: 10, ["640px", "1k", "2k"], counts: upTo4, free: true),
        ImageModel("seedream-v4", from: 40, all, counts: upTo4),
        ImageModel("seedream-v4.5", from: 50, all, counts: upTo4, generator: false),
        ImageModel("seedream-v5-pro", from: 75, ["640px", "1k", "2k"], counts: upTo4),
        ImageModel("z-image-turbo", from: 5, ["640px", "1k", "2k"], counts: upTo4, free: true, editor: false),
    ]

    public static subscript(id id: String) -> ImageModel? {
        models.first { $0.id == id }
    }

    /// The ids `ai-image-generator` (or, with `editor`, `ai-image-editor`) takes, `default` first.
    public static func ids(editor: Bool) -> [String] {
        ["default"] + models.filter { editor ? $0.editor : $0.generator }.map(\.id)
    }

    /// The highest price per image any model publishes: what an unpriced task may cost at most.
    public static var highestCreditsPerImage: Int { models.map(\.creditsPerImage).max() ?? 0 }
}
