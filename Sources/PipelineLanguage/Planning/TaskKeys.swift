/// A task's cache key and the digests of its two parts (its inputs, and its other parameters),
/// in place: under a hundred bytes in the task, hex only when one is read.
struct TaskKeys: Sendable, Hashable {
    /// The SHA-256 of everything that determines the result.
    let key: Digest256
    /// The SHA-256 of the input files alone (by content or producer key).
    let inputs: Digest256
    /// The SHA-256 of the stage type and the other result-changing parameters.
    let parameters: Digest256
    /// Whether there is a key, and whether there are part digests (zeros stand in for what is not).
    let hasKey: Bool
    let hasParts: Bool

    /// No keys: a plan made without them.
    static let none = TaskKeys(key: .zero, inputs: .zero, parameters: .zero, hasKey: false, hasParts: false)

    init(key: Digest256, inputs: Digest256, parameters: Digest256) {
        self.init(key: key, inputs: inputs, parameters: parameters, hasKey: true, hasParts: true)
    }

    private init(key: Digest256, inputs: Digest256, parameters: Digest256, hasKey: Bool, hasParts: Bool) {
        self.key = key
        self.inputs = inputs
        self.parameters = parameters
        self.hasKey = hasKey
        self.hasParts = hasParts
    }

    /// A key given as text (64 lower-case hex digits, or empty for none), without part digests;
    /// `nil` for any other text.
    init?(keyHex: String) {
        if keyHex.isEmpty {
            self = .none
            return
        }
        guard let key = Digest256(hex: keyHex) else { return nil }
        self.init(key: key, inputs: .zero, parameters: .zero, hasKey: true, hasParts: false)
    }

    /// Lower-case hex of the key; empty without one.
    var keyHex: String { hasKey ? key.hex : "" }
    /// Lower-case hex of the inputs digest; empty without part digests.
    var inputsHex: String { hasParts ? inputs.hex : "" }
    /// Lower-case hex of the parameters digest; empty without part digests.
    var parametersHex: String { hasParts ? parameters.hex : "" }
}
