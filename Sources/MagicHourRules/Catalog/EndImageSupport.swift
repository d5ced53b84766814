/// Whether a model takes a last frame (`assets.end_image_file_path`), and with what limits.
public struct EndImageSupport: Sendable, Hashable {
    /// The resolutions at which an end image is accepted (empty: never).
    public var resolutions: [VideoResolution]
    /// The longest video an end image is accepted for, when the model limits it.
    public var maximumSeconds: Double?

    public init(_ resolutions: [VideoResolution], maximumSeconds: Double? = nil) {
        self.resolutions = resolutions
        self.maximumSeconds = maximumSeconds
    }

    /// The model takes no end image.
    public static let none = EndImageSupport([])

    public var isSupported: Bool { !resolutions.isEmpty }
}
