import Foundation
import MagicHourRules

/// The files served without ffmpeg, one per project kind: the fallback MP4 (``FallbackVideo``),
/// a 2×2 grey PNG, and 0.1 s of silent 8 kHz WAV (made here: a RIFF header and 800 samples).
enum FallbackFiles {
    static let pngBase64 =
        "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAACXBIWXMAAAABAAAAAQBPJcTWAAAADklEQVR4nGNoAAMGCAUAKg4GARWeQtcAAAAASUVORK5CYII="

    /// `(extension, base64 of the file)`.
    static func file(for kind: ProjectKind) -> (String, String) {
        switch kind {
        case .video: ("mp4", FallbackVideo.base64)
        case .image: ("png", pngBase64)
        case .audio: ("wav", silentWAV().base64EncodedString())
        }
    }

    /// 0.1 s of 8-bit mono silence at 8 kHz.
    static func silentWAV() -> Data {
        let samples = 800
        var data = Data("RIFF".utf8)
        func append(_ value: UInt32, bytes: Int) {
            for shift in 0..<bytes { data.append(UInt8((value >> (8 * UInt32(shift))) & 0xFF)) }
        }
        append(UInt32(36 + samples), bytes: 4)
        data.append(contentsOf: Array("WAVEfmt ".utf8))
        append(16, bytes: 4)
        append(1, bytes: 2)  // PCM
        append(1, bytes: 2)  // mono
        append(8000, bytes: 4)
        append(8000, bytes: 4)
        append(1, bytes: 2)
        append(8, bytes: 2)
        data.append(contentsOf: Array("data".utf8))
        append(UInt32(samples), bytes: 4)
        data.append(contentsOf: [UInt8](repeating: 0x80, count: samples))
        return data
    }
}
