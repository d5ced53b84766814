import Foundation
import MagicHourRules
import PipelineEngine
import PipelineLanguage

/// What a downloaded file must start with to be what its project kind makes: an MP4 (`ftyp` box)
/// for videos; PNG, JPEG, WebP or GIF for images; MP3 (ID3 tag or frame sync) or WAV for audio.
enum MediaSignature {
    /// The project kind a download's planned file is of, by its extension (the upstream stage
    /// type's `downloadExtension`).
    static func projectKind(ofPath path: String) -> ProjectKind {
        switch PathText.extension(path).lowercased() {
        case "png", "jpg", "jpeg", "webp", "gif": .image
        case "mp3", "wav": .audio
        default: .video
        }
    }

    /// Whether `head` (the first bytes of a file) is a file of `media`.
    static func matches(_ media: MediaKind, head: [UInt8]) -> Bool {
        func at(_ offset: Int, _ text: String) -> Bool {
            let bytes = Array(text.utf8)
            return head.count >= offset + bytes.count && Array(head[offset..<offset + bytes.count]) == bytes
        }
        switch media {
        case .video:
            return at(4, "ftyp")
        case .image:
            let jpeg = head.count >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF
            let png = head.count >= 8 && head[0] == 0x89 && at(1, "PNG\r\n\u{1A}\n")
            return png || jpeg || (at(0, "RIFF") && at(8, "WEBP")) || at(0, "GIF87a") || at(0, "GIF89a")
        case .audio:
            let frameSync = head.count >= 2 && head[0] == 0xFF && head[1] & 0xE0 == 0xE0
            return at(0, "ID3") || frameSync || (at(0, "RIFF") && at(8, "WAVE"))
        }
    }

    /// Checks the file at `path` (shown as `name`); removes it and fails the task (retryably)
    /// when it is not a file of `media`.
    static func verify(_ media: MediaKind, at path: String, name: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw TaskFailure("\(name) was not written", retryable: true)
        }
        defer { try? handle.close() }
        let head = [UInt8]((try? handle.read(upToCount: 12)) ?? Data())
        guard matches(media, head: head) else {
            try? FileManager.default.removeItem(atPath: path)
            throw TaskFailure("\(name) is not \(description(media)); removed", retryable: true)
        }
    }

    private static func description(_ media: MediaKind) -> String {
        switch media {
        case .video: "an MP4 file (no 'ftyp' box)"
        case .image: "an image (no PNG, JPEG, WebP or GIF signature)"
        case .audio: "an audio file (no MP3 or WAV header)"
        }
    }
}
