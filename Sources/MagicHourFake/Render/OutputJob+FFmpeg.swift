import MagicHourRules

extension OutputJob {
    /// The `Content-Type` a file of `format` is served with.
    static func contentType(of format: String) -> String {
        switch format {
        case "png": "image/png"
        case "gif": "image/gif"
        case "jpg", "jpeg": "image/jpeg"
        case "webm": "video/webm"
        case "mp3": "audio/mpeg"
        case "wav": "audio/wav"
        default: "video/mp4"
        }
    }

    /// ffmpeg's arguments for the `index`-th file (0-based) into `output`; audio as MP3 when
    /// `mp3` (libmp3lame is there), else WAV.
    func ffmpegArguments(index: Int, output: String, mp3: Bool) -> [String] {
        let common = ["-hide_banner", "-loglevel", "error", "-nostdin", "-y"]
        switch kind {
        case .video: return common + videoArguments(output: output)
        case .image: return common + (format == "png" ? stillArguments(index: index) : animatedArguments()) + [output]
        case .audio:
            return common + [
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100", "-t", SecondsFormat.format(seconds),
            ] + (mp3 ? ["-c:a", "libmp3lame", "-b:a", "64k"] : ["-c:a", "pcm_s16le"]) + [output]
        }
    }

    /// The longest side the fake encodes: a larger frame (4k, a 4096×4096 animation) is scaled
    /// down, aspect kept, so that no render takes minutes; the project answers the size asked.
    static let longestEncodedSide = 1920

    /// The encoded frame: at most ``longestEncodedSide``, both sides even (H.264's 4:2:0).
    private var evenSize: (width: Int, height: Int) {
        let factor = min(1, Double(Self.longestEncodedSide) / Double(max(width, height, 1)))
        let even = { (side: Int) in max(2, Int(Double(side) * factor) / 2 * 2) }
        return (even(width), even(height))
    }

    private static func skip(_ input: Input) -> [String] {
        input.offset > 0 ? ["-ss", SecondsFormat.format(input.offset)] : []
    }

    /// An MP4 of `seconds`: the input video's segment re-encoded, else the input image held, else
    /// a test pattern, fitted into the frame; with the audio input's sound (padded), or the
    /// input video's own.
    private func videoArguments(output: String) -> [String] {
        let (width, height) = evenSize
        var arguments: [String] = []
        switch visual {
        case let video? where video.media == .video:
            arguments += Self.skip(video) + ["-i", video.path]
        case let image?:
            arguments += ["-loop", "1", "-framerate", "\(fps)", "-i", image.path]
        case nil:
            arguments += ["-f", "lavfi", "-i", "testsrc=size=\(width)x\(height):rate=\(fps)"]
        }
        var maps = ["-map", "0:v:0"]
        if let sound {
            arguments += Self.skip(sound) + ["-i", sound.path]
            maps += ["-map", "1:a:0", "-af", "apad", "-c:a", "aac", "-b:a", "64k"]
        } else if visual?.media == .video {
            maps += ["-map", "0:a?", "-c:a", "aac", "-b:a", "64k"]
        }
        return arguments + maps + [
            "-t", SecondsFormat.format(seconds),
            "-vf",
            "scale=\(width):\(height):force_original_aspect_ratio=decrease,"
                + "pad=\(width):\(height):(ow-iw)/2:(oh-ih)/2,setsar=1,format=yuv420p",
            "-r", "\(fps)", "-c:v", "libx264", "-preset", "ultrafast", "-movflags", "+faststart", output,
        ]
    }

    /// One PNG: the input (scaled by `scale`), else a test pattern of the frame; each further
    /// image of a job hue-shifted, so that they differ.
    private func stillArguments(index: Int) -> [String] {
        var filters: [String] = []
        let input: [String]
        if let visual {
            input = ["-i", visual.path]
            if let scale, scale != 1 {
                let factor = SecondsFormat.format(scale)
                filters.append("scale=trunc(iw*\(factor)/2)*2:trunc(ih*\(factor)/2)*2")
            }
        } else {
            input = ["-f", "lavfi", "-i", "testsrc=size=\(evenSize.width)x\(evenSize.height):rate=1"]
        }
        if index > 0 { filters.append("hue=h=\(index * 47 % 360)") }
        filters.append(alpha ? "format=rgba,colorkey=0xFFFFFF:0.25:0.1" : "format=rgb24")
        return input + ["-vf", filters.joined(separator: ","), "-frames:v", "1", "-update", "1"]
    }

    /// An animation of `seconds` at `fps`: GIF, WebM (VP8) or MP4 (H.264).
    private func animatedArguments() -> [String] {
        let (width, height) = evenSize
        let input = [
            "-f", "lavfi", "-i", "testsrc=size=\(width)x\(height):rate=\(fps)", "-t", SecondsFormat.format(seconds),
        ]
        switch format {
        case "webm": return input + ["-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "400k"]
        case "mp4":
            return input + [
                "-vf", "format=yuv420p", "-c:v", "libx264", "-preset", "ultrafast", "-movflags", "+faststart",
            ]
        default: return input
        }
    }
}
