/// What libavformat reads from a media file's header and first packets: its length, its tracks and
/// the picture's size and rate. Nothing is decoded beyond what libav needs to fill these in.
public struct MediaInfo: Sendable, Equatable {
    /// The length in seconds: the container's, else the longest audio or video track's; `nil` when
    /// the file has no timeline (a still image).
    public var durationSeconds: Double?
    /// The file has a video track (a still image counts; an attached cover picture does not).
    public var hasVideo: Bool
    /// The file has an audio track.
    public var hasAudio: Bool
    /// The first video track's width in pixels; `nil` without video.
    public var width: Int?
    /// The first video track's height in pixels; `nil` without video.
    public var height: Int?
    /// The first video track's average frame rate; `nil` without video, and for a still image
    /// (no duration), where libav reports only its image reader's default rate.
    public var framesPerSecond: Double?
    /// libavformat's name for the container, e.g. `mov,mp4,m4a,3gp,3g2,mj2`, `mp3`, `wav`, `png_pipe`.
    public var formatName: String

    /// Creates a description; `MediaProbe.info(ofFile:)` makes these from files.
    public init(
        durationSeconds: Double?, hasVideo: Bool, hasAudio: Bool, width: Int?, height: Int?,
        framesPerSecond: Double?, formatName: String
    ) {
        self.durationSeconds = durationSeconds
        self.hasVideo = hasVideo
        self.hasAudio = hasAudio
        self.width = width
        self.height = height
        self.framesPerSecond = framesPerSecond
        self.formatName = formatName
    }
}
