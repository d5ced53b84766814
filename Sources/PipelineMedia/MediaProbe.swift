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
        let status = open(path, into: &opened)
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

    /// `avformat_open_input` on the local file only: the path goes as a `file:` URL, so a relative
    /// name such as `take:2.mp4` is not read as a protocol, and only the file protocol is allowed, so
    /// a playlist or a reference inside the file cannot make libav open a network address.
    private static func open(_ path: String, into context: inout UnsafeMutablePointer<AVFormatContext>?) -> Int32 {
        var options: OpaquePointer?
        defer { av_dict_free(&options) }
        _ = av_dict_set(&options, "protocol_whitelist", "file", 0)
        return avformat_open_input(&context, "file:" + path, nil, &options)
    }
}
