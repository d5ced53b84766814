import AsyncHTTPClient
import Logging
import NIOCore
import _NIOFileSystem

import Foundation

extension MagicHourClient {
    /// Makes a file usable as an `*_file_path` of a create call.
    ///
    /// An http(s) URL or an `api-assets/…` path is returned untouched. A local file is uploaded:
    /// one `POST /v1/files/upload-urls`, then a `PUT` of the file streamed from disk with its
    /// Content-Length to the presigned URL (without the API key).
    /// - Parameter file: A local path, an http(s) URL or an `api-assets/…` path.
    /// - Returns: The `file_path` to pass as `image_file_path`.
    /// - Throws: ``MagicHourError``.
    public func upload(file: String) async throws -> String {
        if Self.isRemoteReference(file) { return file }
        let path = FilePath(file)
        guard let ext = path.extension?.lowercased(), let type = AssetType(fileExtension: ext) else {
            throw MagicHourError.unsupportedFileType(path: file)
        }
        let size: Int64
        do {
            guard let info = try await FileSystem.shared.info(forFileAt: path, infoAboutSymbolicLink: false),
                info.type == .regular
            else { throw MagicHourError.fileSystem(path: file, message: "not a regular file") }
            size = info.size
        } catch let error as MagicHourError {
            throw error
        } catch {
            throw MagicHourError.fileSystem(path: file, message: "\(error)")
        }
        let body = try Self.encoder.encode(UploadURLsRequest(items: [.init(type: type, extension: ext)]))
        let response = try await send(
            .POST, path: "/v1/files/upload-urls", body: ByteBuffer(bytes: body), safety: .idempotent)
        let urls = try decode(UploadURLsResponse.self, from: response)
        guard let item = urls.items.first else {
            throw MagicHourError.invalidResponse("upload-urls returned no items")
        }
        try await put(path, size: size, to: item.uploadURL)
        return item.filePath
    }

    /// Whether `reference` needs no upload: an http(s) URL with a host, or an `api-assets/` path.
    public static func isRemoteReference(_ reference: String) -> Bool {
        if reference.hasPrefix("api-assets/") { return true }
        guard let url = URL(string: reference), let scheme = url.scheme?.lowercased() else { return false }
        return (scheme == "http" || scheme == "https") && !(url.host ?? "").isEmpty
    }

    /// PUTs a file to a presigned URL, streamed from disk, retrying 429/5xx/transport failures.
    func put(_ path: FilePath, size: Int64, to url: String) async throws {
        let label = "PUT \(URLRedaction.redact(url))"
        var attempt = 1
        while true {
            let retryDelay: Duration
            do {
                try Task.checkCancellation()
                let status: Int
                let retryAfter: Duration?
                let message: String
                (status, retryAfter, message) = try await FileSystem.shared.withFileHandle(forReadingAt: path) {
                    handle in
                    var request = HTTPClientRequest(url: url)
                    request.method = .PUT
                    // No Authorization header: the URL carries its own signature.
                    request.body = .stream(
                        handle.readChunks(in: 0..<size, chunkLength: .mebibytes(1)), length: .known(size))
                    let response = try await http.execute(
                        request, timeout: configuration.transferTimeout.timeAmount)
                    let bytes = try await Self.collect(response.body, label: label)
                    return (
                        Int(response.status.code),
                        RetryAfter.parse(response.headers.first(name: "Retry-After")),
                        APIErrorBody.message(from: bytes, status: Int(response.status.code))
                    )
                }
                if (200..<300).contains(status) { return }
                let error = MagicHourError.from(status: status, message: message, retryAfter: retryAfter)
                guard attempt < configuration.retry.maxAttempts,
                    RequestSafety.idempotent.allowsRetry(status: status, bodyHasProjectID: false)
                else { throw error }
                retryDelay = configuration.retry.delay(beforeRetry: attempt, retryAfter: retryAfter)
                logger.notice(
                    "Upload answered \(status); retrying",
                    metadata: Self.metadata(label, attempt: attempt, delay: retryDelay))
            } catch let error as MagicHourError {
                throw error
            } catch let error as FileSystemError {
                throw MagicHourError.fileSystem(path: path.string, message: "\(error.message)")
            } catch {
                if Task.isCancelled || error is CancellationError { throw CancellationError() }
                let failure = TransportFailure(classifying: error, request: label)
                guard attempt < configuration.retry.maxAttempts else { throw MagicHourError.transport(failure) }
                retryDelay = configuration.retry.delay(beforeRetry: attempt)
                logger.notice(
                    "Upload failed (\(failure.kind.rawValue)); retrying",
                    metadata: Self.metadata(label, attempt: attempt, delay: retryDelay))
            }
            try await Task.sleep(for: retryDelay)
            attempt += 1
        }
    }
}
