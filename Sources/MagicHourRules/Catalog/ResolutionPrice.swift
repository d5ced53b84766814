/// What one second of video costs at one resolution.
public struct ResolutionPrice: Sendable, Hashable {
    /// Credits per second without audio.
    public var creditsPerSecond: Int
    /// Extra credits per second when audio is on: 0 when sound is included, `nil` when no price
    /// for sound is published (a task with audio is then unpriced).
    public var audioCreditsPerSecond: Int?

    public init(_ creditsPerSecond: Int, audio audioCreditsPerSecond: Int? = 0) {
        self.creditsPerSecond = creditsPerSecond
        self.audioCreditsPerSecond = audioCreditsPerSecond
    }

    /// Credits per second with or without audio; `nil` when that combination is unpriced.
    public func perSecond(audio: Bool) -> Int? {
        guard audio else { return creditsPerSecond }
        return audioCreditsPerSecond.map { creditsPerSecond + $0 }
    }
}
