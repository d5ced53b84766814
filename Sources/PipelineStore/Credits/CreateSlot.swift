import Foundation

/// A place among the paid create calls in flight for one scope (a Magic Hour account), held by
/// one process until it releases it or it expires.
public struct CreateSlot: Sendable, Equatable {
    /// The holder's own unique name for it (one per create call).
    public var key: String
    /// What the slots are counted by: normally `account:<account id>`.
    public var scope: String
    /// The process holding it: a slot whose holder is ``ProcessIdentity/Liveness/gone`` is free.
    public var owner: ProcessIdentity
    /// When it frees itself whatever the holder's liveness (a holder on another host, whose
    /// liveness this machine cannot see).
    public var expiresAt: Date

    /// Creates a slot.
    public init(key: String, scope: String, owner: ProcessIdentity = .current, expiresAt: Date) {
        self.key = key
        self.scope = scope
        self.owner = owner
        self.expiresAt = expiresAt
    }
}
