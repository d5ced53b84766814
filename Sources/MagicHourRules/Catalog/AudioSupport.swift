/// Whether a model's videos have sound.
public enum AudioSupport: String, Sendable, Hashable, Codable {
    /// No sound; `audio: true` is refused.
    case none
    /// Sound when `audio: true` (some models charge extra for it).
    case optional
    /// Always with sound (the legacy `-audio` model names); `audio: false` is refused.
    case always
}
