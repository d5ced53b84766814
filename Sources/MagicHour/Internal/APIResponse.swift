/// A successful (2xx) API answer, body read in full (API bodies are small).
struct APIResponse: Sendable {
    var status: Int
    var body: [UInt8]
    /// Method and redacted URL, for error messages.
    var request: String
}
