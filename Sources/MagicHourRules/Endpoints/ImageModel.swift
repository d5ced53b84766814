/// A model of `ai-image-generator` and `ai-image-editor`: its resolutions, image counts, tiers and
/// lowest published price per image (SDK 0.90.0's docstrings: "from N credits/image").
public struct ImageModel: Sendable, Hashable {
    public var id: String
    public var creditsPerImage: Int
    public var resolutions: [String]
    public var imageCounts: [Int]
    public var onFreeTier: Bool
    /// Which of the two endpoints take it: `ai-image-generator`, `ai-image-editor` or both.
    public var generator: Bool
    public var editor: Bool

    init(
        _ id: String, from credits: Int, _ resolutions: [String], counts: [Int], free: Bool = false,
        generator: Bool = true, editor: Bool = true
    ) {
        self.id = id
        self.creditsPerImage = credits
        self.resolutions = resolutions
        self.imageCounts = counts
        self.onFreeTier = free
        self.generator = generator
        self.editor = editor
    }
}
