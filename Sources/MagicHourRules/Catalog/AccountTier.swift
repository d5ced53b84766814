/// A Magic Hour subscription tier, as `GET /v1/account` answers it. The tier decides what
/// `default` means (and the default resolution).
public enum AccountTier: String, CaseIterable, Sendable, Hashable, Codable {
    case free
    case creator
    case pro
    case business

    /// Whether the account pays for a subscription.
    public var isPaid: Bool { self != .free }

    /// The resolution the API renders when a request names none: 720p on paid tiers, 480p on free.
    public var defaultResolution: VideoResolution { isPaid ? .p720 : .p480 }

    /// `free, creator, pro or business`.
    public static var namesText: String {
        let names = allCases.map(\.rawValue)
        return names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "")
    }
}
