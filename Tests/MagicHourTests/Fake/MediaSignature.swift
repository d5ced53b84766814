import Foundation

/// What a downloaded file is, by its first bytes: MP4 (`ftyp` at 4), PNG, GIF, JPEG, WebM
/// (EBML), MP3 (an ID3 tag or an MPEG frame sync) or WAV (`RIFF…WAVE`).
enum MediaSignature: String, Sendable {
    case mp4, png, gif, jpeg, webm, mp3, wav

    init?(of data: Data) {
        let bytes = [UInt8](data.prefix(12))
        guard bytes.count >= 12 else { return nil }
        if Array(bytes[4..<8]) == Array("ftyp".utf8) {
            self = .mp4
        } else if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            self = .png
        } else if bytes.starts(with: Array("GIF8".utf8)) {
            self = .gif
        } else if bytes.starts(with: [0xFF, 0xD8, 0xFF]) {
            self = .jpeg
        } else if bytes.starts(with: [0x1A, 0x45, 0xDF, 0xA3]) {
            self = .webm
        } else if bytes.starts(with: Array("ID3".utf8)) || (bytes[0] == 0xFF && bytes[1] & 0xE0 == 0xE0) {
            self = .mp3
        } else if bytes.starts(with: Array("RIFF".utf8)) && Array(bytes[8..<12]) == Array("WAVE".utf8) {
            self = .wav
        } else {
            return nil
        }
    }
}
