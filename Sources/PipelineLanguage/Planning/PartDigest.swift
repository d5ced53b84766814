import Crypto
import PipelineBasics

/// The SHA-256 of one part of a task's cache key material (its inputs, or its other
/// parameters), held in place: 32 bytes in the task, no string. Two per task, a million tasks:
/// as hex strings they were two allocations of 112 bytes each, and two encodings, per task.
public struct PartDigest: Sendable, Hashable {
    private let digest: SHA256Digest?

    /// No digest: a plan made without cache keys.
    public static let none = PartDigest(digest: nil)

    /// The SHA-256 of `bytes`.
    init(of bytes: [UInt8]) {
        digest = SHA256.hash(data: bytes)
    }

    private init(digest: SHA256Digest?) {
        self.digest = digest
    }

    /// Lower-case hex, as cache entries store it; empty for ``none``.
    public var hex: String {
        digest.map { $0.withUnsafeBytes(HexText.encode(buffer:)) } ?? ""
    }
}
