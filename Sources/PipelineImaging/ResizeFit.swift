/// How an image is fitted into the requested box.
public enum ResizeFit: String, Sendable, CaseIterable, Hashable {
    /// Fit inside the box, keeping the aspect ratio; enlarges only when the request allows upscaling.
    case contain
    /// Fill the box, keeping the aspect ratio, and crop the overflow around the centre.
    case cover
    /// Stretch to exactly width × height, ignoring the aspect ratio (needs both sides).
    case fill
    /// Like `contain`, but never enlarges, whatever the request's `upscale` says.
    case inside
}
