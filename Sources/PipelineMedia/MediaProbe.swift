import CAVFormat

/// libav's own logging, silenced once per process (a Swift global is initialised exactly once, on
/// first use, whichever thread gets there first): failures reach callers as `MediaProbeError`s.
private let quietLibavLogging: Void = av_log_set_level(AV_LOG_QUIET)

/// Reads what a local video, audio or image file holds through libavformat (Debian's
/// `libavformat-dev`): `avformat_open_input`, then `avformat_find_stream_info`, then the streams'
/// codec parameters; the context is always closed.
///
/// Stateless and thread-safe: each call has a context of its own, so it may be called from many
/// threads at once. It blocks on file I/O (a few reads of the header and the first packets), so
/// async callers run it on a thread pool.
public enum MediaProbe {
    /// Describes the media file at `path`.
    ///
    /// A file that libav recognises only by its name's extension (its probe score is at or below
    /// `AVPROBE_SCORE_RETRY`, where libav itself warns "misdetection possible") is not media: a
    /// text file named `.nfo` would otherwise read as an ANSI-art video.
    /// - Throws: `MediaProbeError.fileMissing`, `.unreadable` (a folder, no permission) or
    ///   `.notMedia` (libav cannot read it, or finds no audio or video stream in it).
    public static func info(ofFile path: String) throws(MediaProbeError) -> MediaInfo {
        _ = quietLibavLogging
        try FileCheck.requireRegularFile(path)
        var opened: UnsafeMutablePointer<AVFormatContext>?
        let status = avformat_open_input(&opened, path, nil, nil)
        // On failure avformat_open_input frees the context itself.
        guard status >= 0, let context = opened else { throw LibavError.openFailure(status, path: path) }
        defer { avformat_close_input(&opened) }
        let formatName = context.pointee.iformat.map { String(cString: $0.pointee.name) } ?? "unknown"
        guard context.pointee.probe_score > pl_av_probe_score_retry() else {
            throw .notMedia(
                path: path,
                reason: "libav recognised it only by its name, as \(formatName), with a probe score of "
                    + "\(context.pointee.probe_score) out of \(AVPROBE_SCORE_MAX)")
        }
        let found = avformat_find_stream_info(context, nil)
        guard found >= 0 else { throw .notMedia(path: path, reason: LibavError.message(found)) }
        guard let streams = StreamSummary(context) else {
            throw .notMedia(path: path, reason: "it has no audio or video stream")
        }
        return streams.info(containerDuration: context.pointee.duration, formatName: formatName)
    }
}
