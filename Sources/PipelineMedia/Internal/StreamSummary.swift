import CAVFormat

/// The audio and video streams of an opened context, after `avformat_find_stream_info`.
struct StreamSummary {
    /// The first video stream that is not an attached cover picture.
    var video: UnsafeMutablePointer<AVStream>?
    var hasAudio = false
    /// The longest audio or video stream's duration in seconds, when any stream knows its own.
    var longestSeconds: Double?

    /// Reads the streams; `nil` when there is neither audio nor video.
    init?(_ context: UnsafeMutablePointer<AVFormatContext>) {
        let streams = UnsafeBufferPointer(start: context.pointee.streams, count: Int(context.pointee.nb_streams))
        for case let stream? in streams {
            guard let parameters = stream.pointee.codecpar else { continue }
            switch parameters.pointee.codec_type {
            case AVMEDIA_TYPE_VIDEO where stream.pointee.disposition & pl_av_disposition_attached_pic() == 0:
                if video == nil { video = stream }
            case AVMEDIA_TYPE_AUDIO:
                hasAudio = true
            default:
                continue
            }
            if let seconds = Self.seconds(stream.pointee.duration, stream.pointee.time_base) {
                longestSeconds = max(longestSeconds ?? 0, seconds)
            }
        }
        guard video != nil || hasAudio else { return nil }
    }

    /// The description, with the container's duration (in `AV_TIME_BASE` units) preferred to the streams'.
    func info(containerDuration: Int64, formatName: String) -> MediaInfo {
        let container = Self.seconds(containerDuration, AVRational(num: 1, den: AV_TIME_BASE))
        let duration = container ?? longestSeconds
        let parameters = video?.pointee.codecpar?.pointee
        return MediaInfo(
            durationSeconds: duration,
            hasVideo: video != nil,
            hasAudio: hasAudio,
            width: parameters.flatMap { $0.width > 0 ? Int($0.width) : nil },
            height: parameters.flatMap { $0.height > 0 ? Int($0.height) : nil },
            framesPerSecond: duration == nil ? nil : video.flatMap { Self.rate($0.pointee.avg_frame_rate) },
            formatName: formatName
        )
    }

    /// A duration in `timeBase` units as seconds; `nil` when unknown (`AV_NOPTS_VALUE`) or not positive.
    private static func seconds(_ value: Int64, _ timeBase: AVRational) -> Double? {
        guard value != pl_av_nopts_value(), value > 0, timeBase.num > 0, timeBase.den > 0 else { return nil }
        return Double(value) * Double(timeBase.num) / Double(timeBase.den)
    }

    /// A frame rate as a number; `nil` when libav does not know it (0/0).
    private static func rate(_ rational: AVRational) -> Double? {
        guard rational.num > 0, rational.den > 0 else { return nil }
        return Double(rational.num) / Double(rational.den)
    }
}
