/// A rejected request: the status and the `{"message"}` to answer.
struct ValidationFailure: Error, Sendable {
    var status: Int
    var message: String

    static func badRequest(_ message: String) -> Self { .init(status: 400, message: message) }
    static func unprocessable(_ message: String) -> Self { .init(status: 422, message: message) }
}
