import Foundation
import NIOConcurrencyHelpers

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exclusive lock on one pipeline's state, held for the length of a run.
///
/// It is an OS file lock (`flock(LOCK_EX | LOCK_NB)`) on a lock file beside the state file: the
/// kernel releases it when the process exits or dies, SIGKILL included, so a stale lock never
/// needs removing by hand. After acquiring, the holder writes its pid, host and start time into
/// the file so that a second run can say who holds it. The file is never deleted (deleting a
/// lock file races with processes that have it open); releasing empties it.
///
/// `flock` locks belong to an open file description, so a second ``acquire(path:)`` in the same
/// process also fails with ``RunLockError/held(holder:path:)``.
public final class RunLock: Sendable {
    /// The lock file.
    public let path: String
    /// Who holds it: this process.
    public let holder: LockHolder

    /// The locked file's descriptor; -1 once released.
    private let descriptor: NIOLockedValueBox<Int32>

    /// Whether it is held in shared mode (with the other workers of a run).
    public let isShared: Bool

    private init(path: String, descriptor: Int32, holder: LockHolder, isShared: Bool) {
        self.path = path
        self.descriptor = NIOLockedValueBox(descriptor)
        self.holder = holder
        self.isShared = isShared
    }

    deinit {
        release()
    }

    /// The lock file for a pipeline's state: `<state file>.<pipeline>.lock`, with the name reduced
    /// to letters, digits, `.`, `-` and `_`.
    public static func lockPath(stateFile: String, pipeline: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_")
        let safe = String(pipeline.map { allowed.contains($0) ? $0 : "_" })
        return "\(stateFile).\(safe.isEmpty ? "pipeline" : safe).lock"
    }

    /// Takes the lock at once or fails.
    ///
    /// - Parameters:
    ///   - path: The lock file; created (with its folder) if missing.
    ///   - shared: Take it in shared mode (`LOCK_SH`): several workers of one run hold it at
    ///     once, and an exclusive holder excludes them all.
    /// - Throws: ``RunLockError/held(holder:path:)`` naming the holder, or `cannotOpen`/`lockFailed`.
    public static func acquire(path: String, shared: Bool = false) throws -> RunLock {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw RunLockError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        if flock(fd, (shared ? LOCK_SH : LOCK_EX) | LOCK_NB) != 0 {
            let code = errno
            if code == EWOULDBLOCK || code == EAGAIN {
                let holder = readHolder(fd: fd)
                close(fd)
                throw RunLockError.held(holder: holder, path: path)
            }
            close(fd)
            throw RunLockError.lockFailed(path: path, reason: String(cString: strerror(code)))
        }
        // Whole seconds: what the lock file can say, so the in-memory holder equals what others read.
        let startedAt = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        let holder = LockHolder(pid: getpid(), host: hostName(), startedAt: startedAt)
        let content = holder.encoded()
        // Shared holders each write their name; the file then names one of them.
        let written = content.withUnsafeBytes { buffer in
            (shared || ftruncate(fd, 0) == 0) ? pwrite(fd, buffer.baseAddress, buffer.count, 0) : -1
        }
        if written != content.count {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw RunLockError.lockFailed(path: path, reason: "cannot write the holder: \(reason)")
        }
        return RunLock(path: path, descriptor: fd, holder: holder, isShared: shared)
    }

    /// Takes the lock, polling until it is free or `timeout` has passed.
    ///
    /// - Parameters:
    ///   - path: The lock file.
    ///   - timeout: How long to keep trying.
    ///   - pollInterval: The pause between attempts.
    /// - Throws: ``RunLockError/timedOut(holder:path:)``, `CancellationError` if the task is
    ///   cancelled, or the errors of ``acquire(path:)`` other than `held`.
    public static func wait(
        path: String, timeout: Duration, pollInterval: Duration = .milliseconds(100), shared: Bool = false
    ) async throws -> RunLock {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while true {
            try Task.checkCancellation()
            do {
                return try acquire(path: path, shared: shared)
            } catch RunLockError.held(let holder, _) {
                let now = clock.now
                if now >= deadline {
                    throw RunLockError.timedOut(holder: holder, path: path)
                }
                try await Task.sleep(for: min(pollInterval, deadline - now))
            }
        }
    }

    /// Who holds the lock at `path` now, or `nil` if it is free (checked by trying it).
    public static func currentHolder(path: String) -> LockHolder? {
        do {
            let lock = try acquire(path: path)
            lock.release()
            return nil
        } catch RunLockError.held(let holder, _) {
            return holder
        } catch {
            return nil
        }
    }

    /// True until ``release()``.
    public var isHeld: Bool {
        descriptor.withLockedValue { $0 >= 0 }
    }

    /// Empties the lock file and releases the lock. Safe to call more than once; also called on deinit.
    public func release() {
        let fd = descriptor.withLockedValue { descriptor -> Int32 in
            defer { descriptor = -1 }
            return descriptor
        }
        guard fd >= 0 else { return }
        if !isShared { _ = ftruncate(fd, 0) }
        _ = flock(fd, LOCK_UN)
        close(fd)
    }

    /// Reads the holder from the file; retries briefly because a holder writes its name just
    /// after acquiring.
    private static func readHolder(fd: Int32) -> LockHolder {
        for attempt in 0..<5 {
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
            if count > 0, let holder = LockHolder.decode(Data(buffer[0..<count])) {
                return holder
            }
            if attempt < 4 { usleep(10_000) }
        }
        return LockHolder(pid: nil, host: nil, startedAt: nil)
    }

    private static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "unknown" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
