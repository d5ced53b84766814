import AsyncHTTPClient
import Logging
import NIOCore
import NIOHTTP1

import Foundation
import PipelineBasics

extension MagicHourClient {
    /// Largest API (JSON) body read into memory.
    static let maxAPIBodySize = 4 << 20

    /// Sends an authorized JSON request to the API, retrying as `safety` allows, and returns the
    /// 2xx answer or throws the typed error of the last failure.
    func send(
        _ method: HTTPMethod,
        path: String,
        body: ByteBuffer? = nil,
        safety: RequestSafety
    ) async throws -> APIResponse {
        let url = configuration.baseURL + path
        let label = "\(method.rawValue) \(URLRedaction.redact(url))"
        var attempt = 1
        while true {
            var request = HTTPClientRequest(url: url)
            request.method = method
            request.headers.add(name: "Authorization", value: token.authorizationHeader)
            request.headers.add(name: "Accept", value: "application/json")
            request.headers.add(name: "User-Agent", value: "pipeline-magic-hour/1")
            if let body {
                request.headers.add(name: "Content-Type", value: "application/json")
                request.body = .bytes(body)
            }
            let retryDelay: Duration
            do {
                try Task.checkCancellation()
                let response = try await http.execute(request, timeout: configuration.requestTimeout.timeAmount)
                let status = Int(response.status.code)
                let bytes = try await Self.collect(response.body, label: label)
                if (200..<300).contains(status) {
                    return APIResponse(status: status, body: bytes, request: label)
                }
                let retryAfter = RetryAfter.parse(response.headers.first(name: "Retry-After"))
                let message = APIErrorBody.message(from: bytes, status: status)
                let error = MagicHourError.from(status: status, message: message, retryAfter: retryAfter)
                guard attempt < configuration.retry.maxAttempts,
                    safety.allowsRetry(status: status, bodyHasProjectID: Self.containsProjectID(bytes))
                else { throw error }
                retryDelay = configuration.retry.delay(beforeRetry: attempt, retryAfter: retryAfter)
                logger.notice(
                    "Magic Hour answered \(status); retrying",
                    metadata: Self.metadata(label, attempt: attempt, delay: retryDelay))
            } catch let error as MagicHourError {
                throw error
            } catch {
                if Task.isCancelled || error is CancellationError { throw CancellationError() }
                let failure = TransportFailure(classifying: error, request: label)
                guard attempt < configuration.retry.maxAttempts, safety.allowsRetry(failure) else {
                    throw MagicHourError.transport(failure)
                }
                retryDelay = configuration.retry.delay(beforeRetry: attempt)
                logger.notice(
                    "Magic Hour request failed (\(failure.kind.rawValue)); retrying",
                    metadata: Self.metadata(label, attempt: attempt, delay: retryDelay))
            }
            try await Task.sleep(for: retryDelay)
            attempt += 1
        }
    }

    static func metadata(_ label: String, attempt: Int, delay: Duration) -> Logger.Metadata {
        ["request": "\(label)", "attempt": "\(attempt)", "delay": "\(delay)"]
    }

    /// Reads a small response body in full; a body cut short is a transport failure.
    static func collect(_ body: HTTPClientResponse.Body, label: String) async throws -> [UInt8] {
        var buffer = try await body.collect(upTo: maxAPIBodySize)
        return buffer.readBytes(length: buffer.readableBytes) ?? []
    }

    /// Whether an error body carries a project id (then the project exists; never resend).
    static func containsProjectID(_ body: [UInt8]) -> Bool {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
            return false
        }
        return object["id"] is String
    }
}

extension Duration {
    /// The duration as a NIO `TimeAmount`.
    var timeAmount: TimeAmount { .nanoseconds(Int64(min(seconds * 1e9, Double(Int64.max / 2)))) }
}
