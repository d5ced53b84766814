import AsyncHTTPClient
import Logging
import NIOCore
import _NIOFileSystem

import Foundation
import MagicHourRules
import PipelineBasics

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
    public func download(_ project: Project, to destination: String) async throws -> DownloadedFile {
        try await download(
            projectID: project.id, kind: project.kind, index: 0, known: project.downloads.first,
            to: FilePath(destination))
    }

    /// Downloads output number `index` (from 0) of a complete project to `destination`, the same way.
    public func download(
        _ project: Project, output index: Int, to destination: String
    ) async throws -> DownloadedFile {
        let known = project.downloads.indices.contains(index) ? project.downloads[index] : nil
        return try await download(
            projectID: project.id, kind: project.kind, index: index, known: known, to: FilePath(destination))
    }

    /// Downloads every output of a complete project into `directory`, named
    /// `<project id>-<URL file name>` (an index is added when there are several).
    /// - Throws: ``MagicHourError``, `CancellationError`.
    public func downloadOutputs(of project: Project, into directory: String) async throws -> [DownloadedFile] {
        guard !project.downloads.isEmpty else {
            throw MagicHourError.noDownloads(projectID: project.id, status: project.status)
        }
        var files: [DownloadedFile] = []
        for (index, output) in project.downloads.enumerated() {
            let name = Self.safeFileName(output.fileName)
            let fileName = project.downloads.count == 1 ? "\(project.id)-\(name)" : "\(project.id)-\(index + 1)-\(name)"
            files.append(
                try await download(
                    projectID: project.id, kind: project.kind, index: index, known: output,
                    to: FilePath(directory).appending(fileName)))
        }
        return files
    }

    /// A URL's file name made safe as a single path component.
    static func safeFileName(_ name: String) -> String {
        let cleaned = String(name.map { $0.isLetter || $0.isNumber || "._-".contains($0) ? $0 : "_" })
        return cleaned.isEmpty || cleaned.allSatisfy({ $0 == "." }) ? "output.mp4" : cleaned
    }

    func download(
        projectID: String, kind: ProjectKind, index: Int, known: ProjectDownload?, to destination: FilePath
    ) async throws
        -> DownloadedFile
    {
        var current = known
        var lastError: MagicHourError?
        for attempt in 1...max(1, configuration.maxDownloadAttempts) {
            if current == nil
                || current!.expiresAt.timeIntervalSinceNow < configuration.downloadURLSafetyMargin.seconds
            {
                let project = try await getProject(id: projectID, kind: kind)
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
                    lastError = .incompleteDownload(expected: expected ?? -1, received: received)
                    delay = configuration.retry.delay(beforeRetry: attempt)
                    logger.notice(
                        "Download ended early; downloading again",
                        metadata: [
                            "project": "\(projectID)", "received": "\(received)",
                            "expected": "\(expected.map(String.init) ?? "?")", "cause": "\(cause)",
                            "attempt": "\(attempt)", "delay": "\(delay)",
                        ])
                case .retryable(let mapped, let retryAfter):
                    lastError = mapped
                    delay = configuration.retry.delay(beforeRetry: attempt, retryAfter: retryAfter)
                    logger.notice(
                        "Download failed; retrying",
                        metadata: [
                            "project": "\(projectID)", "error": "\(mapped)", "attempt": "\(attempt)",
                            "delay": "\(delay)",
                        ])
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
            let outcome = try await FileSystem.shared.withFileHandle(
                forWritingAt: temporary, options: .newFile(replaceExisting: true)
            ) { handle in
                let outcome = try await receive(url, into: handle)
                if outcome.status == .ok, configuration.durableDownloads { try await handle.synchronize() }
                return outcome
            }
            let status = Int(outcome.status.code)
            guard status == 200 else {
                if [403, 404, 410].contains(status) { throw DownloadAttemptError.urlRejected(status: status) }
                let retryAfter = RetryAfter.parse(outcome.headers.first(name: "Retry-After"))
                let error = MagicHourError.from(
                    status: status, message: APIErrorBody.message(from: outcome.errorBody, status: status),
                    retryAfter: retryAfter)
                if status == 429 || (500...599).contains(status) {
                    throw DownloadAttemptError.retryable(error, retryAfter: retryAfter)
                }
                throw error
            }
            let expected = outcome.headers.first(name: "Content-Length").flatMap { Int64($0) }
            if let expected, outcome.received != expected {
                throw DownloadAttemptError.incomplete(
                    expected: expected, received: outcome.received, cause: "short body")
            }
            try await FileSystem.shared.replaceItem(at: destination, withItemAt: temporary)
            return DownloadedFile(path: destination.string, size: outcome.received, source: URLRedaction.redact(url))
        } catch {
            _ = try? await FileSystem.shared.removeItem(at: temporary)
            switch error {
            case is DownloadAttemptError, is MagicHourError: throw error
            case let error as FileSystemError:
                throw MagicHourError.fileSystem(path: destination.string, message: error.message)
            default:
                if Task.isCancelled || error is CancellationError { throw CancellationError() }
                let failure = TransportFailure(classifying: error, request: label)
                throw DownloadAttemptError.retryable(.transport(failure), retryAfter: nil)
            }
        }
    }

    /// Runs the GET of `url`, writing a `200` body to `handle` as it arrives, and returns what it
    /// produced. The response head must come within
    /// ``MagicHourConfiguration/requestTimeout`` and the whole body within
    /// ``MagicHourConfiguration/transferTimeout``. A body that fails mid-way is reported as
    /// ``DownloadAttemptError/incomplete(expected:received:cause:)``; a failed write as its
    /// `FileSystemError`.
    private func receive(
        _ url: String, into handle: WriteFileHandle
    ) async throws
        -> FileBodyDelegate.Outcome
    {
        // No Authorization header: download URLs carry their own signature.
        let request = try HTTPClient.Request(url: url, method: .GET)
        let descriptor = try await handle.withUnsafeDescriptor { $0.rawValue }
        let delegate = FileBodyDelegate(writingTo: descriptor, handingToDisk: configuration.durableDownloads)
        let task = downloads.execute(
            request: request, delegate: delegate,
            deadline: .now() + configuration.transferTimeout.timeAmount)
        let headTimer = task.eventLoop.scheduleTask(in: configuration.requestTimeout.timeAmount) {
            if delegate.bodyProgress == nil { task.fail(reason: HTTPClientError.readTimeout) }
        }
        defer { headTimer.cancel() }
        do {
            // The handle stays open until this returns: no write can outlive it.
            return try await withTaskCancellationHandler {
                try await task.futureResult.get()
            } onCancel: {
                task.cancel()
            }
        } catch let error as FileSystemError {
            throw error
        } catch {
            if Task.isCancelled { throw CancellationError() }
            guard let progress = delegate.bodyProgress else { throw error }
            let cause =
                (error as? HTTPClientError) == .deadlineExceeded
                ? "transfer took longer than \(configuration.transferTimeout)" : "\(error)"
            throw DownloadAttemptError.incomplete(
                expected: progress.expected, received: progress.received, cause: cause)
        }
    }
}
