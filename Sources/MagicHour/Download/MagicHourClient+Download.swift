import AsyncHTTPClient
import Logging
import NIOCore
import _NIOFileSystem

import Foundation

extension MagicHourClient {
    /// Downloads the first output of a complete project to `destination`.
    ///
    /// The body is streamed to a temporary file beside `destination`, its size checked against
    /// Content-Length, fsynced, then renamed over `destination` (atomic). The file is never held in
    /// memory. An expired URL, or one answering 403/404, makes the client fetch the project again
    /// for fresh URLs; a body cut short is downloaded again.
    /// - Parameters:
    ///   - project: A project whose status is `complete` (as ``waitForProject(id:policy:)`` gives).
    ///   - destination: The final file path; its folder must exist.
    /// - Returns: Where the file is, and its size.
    /// - Throws: ``MagicHourError``, `CancellationError`.
    public func download(_ project: VideoProject, to destination: String) async throws -> DownloadedFile {
        try await download(projectID: project.id, index: 0, known: project.downloads.first, to: FilePath(destination))
    }

    /// Downloads output number `index` (from 0) of a complete project to `destination`, the same way.
    public func download(_ project: VideoProject, output index: Int, to destination: String) async throws -> DownloadedFile {
        let known = project.downloads.indices.contains(index) ? project.downloads[index] : nil
        return try await download(projectID: project.id, index: index, known: known, to: FilePath(destination))
    }

    /// Downloads every output of a complete project into `directory`, named
    /// `<project id>-<URL file name>` (an index is added when there are several).
    /// - Throws: ``MagicHourError``, `CancellationError`.
    public func downloadOutputs(of project: VideoProject, into directory: String) async throws -> [DownloadedFile] {
        guard !project.downloads.isEmpty else {
            throw MagicHourError.noDownloads(projectID: project.id, status: project.status)
        }
        var files: [DownloadedFile] = []
        for (index, output) in project.downloads.enumerated() {
            let name = Self.safeFileName(output.fileName)
            let fileName = project.downloads.count == 1 ? "\(project.id)-\(name)" : "\(project.id)-\(index + 1)-\(name)"
            files.append(
                try await download(
                    projectID: project.id, index: index, known: output,
                    to: FilePath(directory).appending(fileName)))
        }
        return files
    }

    /// A URL's file name made safe as a single path component.
    static func safeFileName(_ name: String) -> String {
        let cleaned = String(name.map { $0.isLetter || $0.isNumber || "._-".contains($0) ? $0 : "_" })
        return cleaned.isEmpty || cleaned.allSatisfy({ $0 == "." }) ? "output.mp4" : cleaned
    }

    func download(projectID: String, index: Int, known: ProjectDownload?, to destination: FilePath) async throws
        -> DownloadedFile
    {
        var current = known
        var lastError: MagicHourError?
        for attempt in 1...max(1, configuration.maxDownloadAttempts) {
            if current == nil
                || current!.expiresAt.timeIntervalSinceNow < configuration.downloadURLSafetyMargin.seconds
            {
                let project = try await getProject(id: projectID)
                guard index < project.downloads.count else {
                    throw MagicHourError.noDownloads(projectID: projectID, status: project.status)
                }
                current = project.downloads[index]
            }
            guard let output = current else { continue }
            do {
                return try await fetch(output.url, to: destination)
            } catch let error as DownloadAttemptError {
                let delay: Duration
                switch error {
                case .urlRejected(let status):
                    logger.notice(
                        "Download URL answered \(status); fetching fresh URLs",
                        metadata: ["project": "\(projectID)", "attempt": "\(attempt)"])
                    lastError = .downloadURLExpired(projectID: projectID)
                    current = nil
                    continue
                case .incomplete(let expected, let received, let cause):
                    logger.notice(
                        "Download ended early; downloading again",
                        metadata: [
                            "project": "\(projectID)", "received": "\(received)",
                            "expected": "\(expected.map(String.init) ?? "?")", "cause": "\(cause)",
                        ])
                    lastError = .incompleteDownload(expected: expected ?? -1, received: received)
                    delay = configuration.retry.delay(beforeRetry: attempt)
                case .retryable(let mapped, let retryAfter):
                    lastError = mapped
                    delay = configuration.retry.delay(beforeRetry: attempt, retryAfter: retryAfter)
                    logger.notice("Download failed; retrying", metadata: ["project": "\(projectID)", "error": "\(mapped)"])
                }
                if attempt < configuration.maxDownloadAttempts { try await Task.sleep(for: delay) }
            }
        }
        throw lastError ?? MagicHourError.downloadURLExpired(projectID: projectID)
    }

    /// One GET of `url` into a temporary file, renamed over `destination` when complete.
    func fetch(_ url: String, to destination: FilePath) async throws -> DownloadedFile {
        let label = "GET \(URLRedaction.redact(url))"
        let directory = destination.removingLastComponent()
        let temporary = directory.appending(
            ".\(destination.lastComponent?.string ?? "download").\(UInt32.random(in: 0...UInt32.max)).part")
        do {
            var request = HTTPClientRequest(url: url)
            request.method = .GET
            // No Authorization header: download URLs carry their own signature.
            let response = try await http.execute(request, timeout: configuration.requestTimeout.timeAmount)
            let status = Int(response.status.code)
            guard status == 200 else {
                let bytes = (try? await Self.collect(response.body, label: label)) ?? []
                if [403, 404, 410].contains(status) { throw DownloadAttemptError.urlRejected(status: status) }
                let retryAfter = RetryAfter.parse(response.headers.first(name: "Retry-After"))
                let error = MagicHourError.from(
                    status: status, message: APIErrorBody.message(from: bytes, status: status), retryAfter: retryAfter)
                if status == 429 || (500...599).contains(status) {
                    throw DownloadAttemptError.retryable(error, retryAfter: retryAfter)
                }
                throw error
            }
            let expected = response.headers.first(name: "Content-Length").flatMap { Int64($0) }
            let received = try await withTransferDeadline {
                try await Self.write(response.body, to: temporary, expected: expected)
            }
            if let expected, received != expected {
                throw DownloadAttemptError.incomplete(expected: expected, received: received, cause: "short body")
            }
            try await FileSystem.shared.replaceItem(at: destination, withItemAt: temporary)
            return DownloadedFile(path: destination.string, size: received, source: URLRedaction.redact(url))
        } catch let error as DownloadAttemptError {
            _ = try? await FileSystem.shared.removeItem(at: temporary)
            throw error
        } catch let error as MagicHourError {
            _ = try? await FileSystem.shared.removeItem(at: temporary)
            throw error
        } catch let error as FileSystemError {
            _ = try? await FileSystem.shared.removeItem(at: temporary)
            throw MagicHourError.fileSystem(path: destination.string, message: error.message)
        } catch {
            _ = try? await FileSystem.shared.removeItem(at: temporary)
            if Task.isCancelled || error is CancellationError { throw CancellationError() }
            let failure = TransportFailure(classifying: error, request: label)
            throw DownloadAttemptError.retryable(.transport(failure), retryAfter: nil)
        }
    }

    /// Streams `body` into a new file at `path`, fsyncs it, and returns the bytes written.
    /// A body that fails mid-way is reported as ``DownloadAttemptError/incomplete(expected:received:cause:)``.
    static func write(_ body: HTTPClientResponse.Body, to path: FilePath, expected: Int64?) async throws -> Int64 {
        try await FileSystem.shared.withFileHandle(forWritingAt: path, options: .newFile(replaceExisting: true)) {
            handle in
            let received = try await OverlappedWriter.write(body, to: handle, expected: expected)
            try await handle.synchronize()
            return received
        }
    }

    /// Runs `operation`, failing it with a timeout after ``MagicHourConfiguration/transferTimeout``.
    func withTransferDeadline<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        let limit = configuration.transferTimeout
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await operation() }
            group.addTask {
                try await Task.sleep(for: limit)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else {
                throw DownloadAttemptError.incomplete(
                    expected: nil, received: 0, cause: "transfer took longer than \(limit)")
            }
            return value
        }
    }
}
