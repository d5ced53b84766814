import MagicHourRules

/// What a generation endpoint's project downloads, worked out at create from its request
/// (``OutputJob/init(_:inputs:facts:)``): ``OutputRenderer`` makes the files from it, and
/// caches them by it.
struct OutputJob: Sendable, Codable, Hashable {
    /// An uploaded file the output is made from.
    struct Input: Sendable, Codable, Hashable {
        /// Where the fake stored the upload.
        var path: String
        var fingerprint: UInt64
        var media: MediaKind
        /// Seconds skipped at its start: the segment's start, for the timed input.
        var offset: Double = 0
    }

    var kind: ProjectKind
    /// The files' extension: `mp4`, `webm`, `png`, `gif`, `mp3` (`wav` without libmp3lame).
    var format: String
    /// The frame of a video, or of a generated image (images made from an input keep its size).
    var width: Int
    var height: Int
    var fps: Int
    /// Length of a video, an animated image or the audio.
    var seconds: Double
    /// Files the project downloads (`image_count`).
    var count: Int = 1
    /// An image input scaled by this (the upscaler's `scale_factor`).
    var scale: Double?
    /// A PNG with an alpha channel (the background remover).
    var alpha = false
    /// The image or video the output shows; `nil`: a generated test pattern.
    var visual: Input?
    /// The audio a video carries.
    var sound: Input?
    /// The segment as the video project answers it.
    var startSeconds: Double = 0
    var endSeconds: Double = 0
}
