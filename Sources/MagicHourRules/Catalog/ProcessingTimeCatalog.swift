/// The typical processing time of each kind of Magic Hour job, as data in one place: the client's
/// poll schedule starts from it until renders of the run itself say better.
///
/// Medians end to end, queueing included, over 30 days to 2026-07-20 (docs
/// `api-reference/processing-times.mdx`; not an SLA). A stage type that calls an endpoint reads
/// its entry here.
public enum ProcessingTimeCatalog {
    /// Where the figures come from.
    public static let source = FactSource(
        date: "2026-07-20", "docs api-reference/processing-times.mdx (median end to end, 30 days)")

    /// The typical processing time of `endpoint`, in seconds.
    public static subscript(endpoint: MagicHourEndpoint) -> Double {
        seconds[endpoint] ?? 60
    }

    /// The table, in seconds.
    public static let seconds: [MagicHourEndpoint: Double] = [
        .imageToVideo: 74, .textToVideo: 51, .aiVideoEditor: 85, .audioToVideo: 117, .autoSubtitle: 45,
        .faceSwapVideo: 96, .talkingPhoto: 174, .lipSync: 229, .characterReplace: 446, .animation: 596,
        .videoToVideo: 772,
        .faceEditor: 3, .backgroundRemover: 4, .faceSwapPhoto: 4, .imageGenerator: 5, .qrCode: 7, .imageEditor: 9,
        .meme: 9, .colorizer: 9, .clothesChanger: 13, .headshot: 14, .headSwap: 18, .upscaler: 22, .gif: 23,
        .bodySwap: 38,
        .voice: 21,
    ]
}
