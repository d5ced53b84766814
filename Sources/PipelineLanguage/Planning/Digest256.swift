import Crypto
import PipelineBasics

/// A SHA-256 digest held as four words in place: 32 bytes, no allocation and no string until its
/// hex is read. A plan of a million tasks keeps three per task.
struct Digest256: Sendable, Hashable {
    private var words: (UInt64, UInt64, UInt64, UInt64)

    /// All zero bits: what a plan made without cache keys holds in their place.
    static let zero = Digest256(words: (0, 0, 0, 0))

    private init(words: (UInt64, UInt64, UInt64, UInt64)) {
        self.words = words
    }

    init(_ digest: SHA256Digest) {
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &words) { out in digest.withUnsafeBytes { out.copyMemory(from: $0) } }
        self.words = words
    }

    /// The SHA-256 of `bytes`.
    init(of bytes: [UInt8]) {
        self.init(SHA256.hash(data: bytes))
    }

    /// The digest 64 lower-case hex digits spell, so that ``hex`` gives the same text back; `nil`
    /// for any other text.
    init?(hex: String) {
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        let valid = withUnsafeMutableBytes(of: &words) { out -> Bool in
            var utf8 = hex.utf8.makeIterator()
            for index in 0..<32 {
                guard let high = utf8.next().flatMap(Self.nibble), let low = utf8.next().flatMap(Self.nibble) else {
                    return false
                }
                out[index] = high << 4 | low
            }
            return utf8.next() == nil
        }
        guard valid else { return nil }
        self.words = words
    }

    /// Lower-case hex, as cache entries and the store keep keys.
    var hex: String {
        withUnsafeBytes(of: words, HexText.encode(buffer:))
    }

    /// Appends the 64 hex digits to `bytes` (a key's material): no string is made.
    func appendHex(to bytes: inout [UInt8]) {
        withUnsafeBytes(of: words) { buffer in
            for byte in buffer {
                bytes.append(HexText.digit(byte >> 4))
                bytes.append(HexText.digit(byte & 0x0F))
            }
        }
    }

    static func == (lhs: Digest256, rhs: Digest256) -> Bool {
        lhs.words.0 == rhs.words.0 && lhs.words.1 == rhs.words.1 && lhs.words.2 == rhs.words.2
            && lhs.words.3 == rhs.words.3
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
