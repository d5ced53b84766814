/// A body field the stage fills itself, from which parameters are given: `assets.video_source`
/// is always `file`; `assets.audio_source` is `file` with an audio file, else `none`.
public struct FixedField: Sendable {
    public var path: [String]
    /// The value when `whenGiven` is given (or always, when `whenGiven` is nil).
    public var value: String
    /// The parameter whose presence decides; `nil` for a field always sent.
    public var whenGiven: String?
    /// The value when `whenGiven` is not given; `nil` leaves the field out.
    public var otherwise: String?

    public init(_ path: String, _ value: String, whenGiven: String? = nil, otherwise: String? = nil) {
        self.path = path.split(separator: ".").map(String.init)
        self.value = value
        self.whenGiven = whenGiven
        self.otherwise = otherwise
    }

    /// The value to send given which parameters are present; `nil` to leave it out.
    public func value(given present: (String) -> Bool) -> String? {
        guard let whenGiven else { return value }
        return present(whenGiven) ? value : otherwise
    }
}
