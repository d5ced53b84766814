import Foundation
import Hummingbird
import NIOCore

/// Building the fake's answers: JSON bodies and `{"message"}` errors, as the API sends them.
enum FakeResponses {
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return Response(
            status: status,
            headers: [.contentType: "application/json", .contentLength: "\(data.count)"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func error(_ status: Int, _ message: String, retryAfter: String? = nil) -> Response {
        var response = json(["message": message], status: .init(code: status))
        if let retryAfter { response.headers[.retryAfter] = retryAfter }
        return response
    }

    /// A 400 whose message quotes an `Authorization` header in every form a careless server shows it.
    static func echoingAuthorization(_ header: String) -> Response {
        let key = header.hasPrefix("Bearer ") ? String(header.dropFirst("Bearer ".count)) : header
        let unreserved = CharacterSet(
            charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        let escaped = key.addingPercentEncoding(withAllowedCharacters: unreserved) ?? key
        return error(
            400,
            "Invalid request from Authorization: \(header) (base64 \(Data(header.utf8).base64EncodedString()); "
                + "key base64 \(Data(key.utf8).base64EncodedString()); key=\(escaped))")
    }

    static func error(_ failure: ValidationFailure) -> Response {
        error(failure.status, failure.message)
    }

    /// The usual message of an injected status.
    static func message(for status: Int) -> String {
        switch status {
        case 400: "Invalid request"
        case 401: "Unauthorized"
        case 402: "Payment required"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 422: "Unable to create video"
        case 429: "Too many requests"
        case 502: "Bad gateway"
        case 503: "Service unavailable"
        default: "Internal server error"
        }
    }
}
