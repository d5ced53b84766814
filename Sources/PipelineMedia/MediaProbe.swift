import CAVFormat
import CAVFormatShim

/// Reads what a local video, audio or image file holds through libavformat (Debian's
/// `libavformat-dev`, loaded on the first call, with libav's own logging silenced):
/// `avformat_open_input`, then `avformat_find_stream_info`, then the streams' codec parameters;
/// the context is always closed.
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
    ///   `.notMedia` (libav cannot read it, or finds no audio or video stream in it), or
    ///   `.libraryUnavailable` (libavformat could not be loaded).
    public static func info(ofFile path: String) throws(MediaProbeError) -> MediaInfo {
        try LibavError.start(path: path)
        try FileCheck.requireRegularFile(path)
        var opened: UnsafeMutablePointer<AVFormatContext>?
        let status = open(path, into: &opened)
        // On failure avformat_open_input frees the context itself.
        guard status >= 0, let context = opened else { throw LibavError.openFailure(status, path: path) }
        defer { pl_avformat_close_input(&opened) }
        let formatName = context.pointee.iformat.map { String(cString: $0.pointee.name) } ?? "unknown"
        guard context.pointee.probe_score > pl_av_probe_score_retry() else {
            throw .notMedia(
                path: path,
                reason: "libav recognised it only by its name, as \(formatName), with a probe score of "
                    + "\(context.pointee.probe_score) out of \(AVPROBE_SCORE_MAX)")
        }
        let found = pl_avformat_find_stream_info(context)
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
        defer { pl_av_dict_free(&options) }
        _ = pl_av_dict_set(&options, "protocol_whitelist", "file")
        return pl_avformat_open_input(&context, "file:" + path, &options)
    }
}
