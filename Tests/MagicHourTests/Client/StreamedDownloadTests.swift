import Foundation
import MagicHour
import MagicHourFake
import Testing

/// Downloads of many body parts across several writeback intervals (1 MiB): each part is written
/// as it arrives, and every way out (complete, cut, cancelled, too slow) leaves either the whole
/// file or nothing.
@Suite("Downloads: large bodies streamed to disk")
struct StreamedDownloadTests {
    /// 9 MiB and a bit: several writeback intervals and a partial one, not a multiple of any chunk size.
    static let size = 9 * 1_048_576 + 12_345

    /// A folder with `source.bin` of ``size`` random bytes, and the bytes.
    static func makeSource() throws -> (folder: String, source: String, bytes: Data) {
        let folder = try TestHarness.temporaryDirectory()
        var generator = SystemRandomNumberGenerator()
        let words = (0..<(size + 7) / 8).map { _ in generator.next() }
        let bytes = words.withUnsafeBytes { Data($0.prefix(size)) }
        let source = folder + "/source.bin"
        try bytes.write(to: URL(fileURLWithPath: source))
        return (folder, source, bytes)
    }

    /// The names in `folder` other than the source.
    static func downloadsLeft(in folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0 != "source.bin" }.sorted()
    }

    @Test("a body of several blocks arrives byte for byte")
    func severalBlocks() async throws {
        let (folder, source, bytes) = try Self.makeSource()
        try await TestHarness.with { fake, client in
            let id = try await fake.addCompletedProject(servingFile: source)
            let file = try await client.download(try await client.getProject(id: id), to: folder + "/v.mp4")
            #expect(file.size == Int64(Self.size))
            #expect(try Data(contentsOf: URL(fileURLWithPath: file.path)) == bytes)
            #expect(try Self.downloadsLeft(in: folder) == ["v.mp4"])
            #expect(await fake.stats().downloadsCompleted == 1)
        }
    }

    @Test("a body cut after several blocks is downloaded again whole")
    func cutAfterSeveralBlocks() async throws {
        let (folder, source, bytes) = try Self.makeSource()
        try await TestHarness.with { fake, client in
            let id = try await fake.addCompletedProject(servingFile: source)
            await fake.inject(.truncateBody, on: .download)
            let file = try await client.download(try await client.getProject(id: id), to: folder + "/v.mp4")
            #expect(try Data(contentsOf: URL(fileURLWithPath: file.path)) == bytes)
            #expect(await fake.stats().requests(.download) == 2)
            #expect(try Self.downloadsLeft(in: folder) == ["v.mp4"])
        }
    }

    @Test("cancelling mid-body stops the download at once and leaves no partial file")
    func cancelledMidBody() async throws {
        let (folder, source, _) = try Self.makeSource()
        try await TestHarness.with { fake, client in
            let id = try await fake.addCompletedProject(servingFile: source)
            let project = try await client.getProject(id: id)
            // 2 MiB/s: the body takes 4.6 s; cancel after a third of it.
            await fake.inject(.throttleBody(bytesPerSecond: 2 << 20), on: .download)
            let download = Task { try await client.download(project, to: folder + "/v.mp4") }
            try await Task.sleep(for: .milliseconds(1500))
            #expect(await fake.stats().requests(.download) == 1)
            let clock = ContinuousClock()
            let cancelledAt = clock.now
            download.cancel()
            await #expect(throws: CancellationError.self) { try await download.value }
            #expect(cancelledAt.duration(to: clock.now) < .seconds(1))
            #expect(try Self.downloadsLeft(in: folder).isEmpty)
            #expect(await fake.stats().downloadsCompleted == 0)
        }
    }

    @Test("a body slower than the transfer timeout ends each attempt, then the download, as incomplete")
    func slowerThanTransferTimeout() async throws {
        let (folder, source, _) = try Self.makeSource()
        try await TestHarness.with(client: {
            $0.transferTimeout = .seconds(1); $0.maxDownloadAttempts = 2
        }) {
            fake, client in
            let id = try await fake.addCompletedProject(servingFile: source)
            let project = try await client.getProject(id: id)
            await fake.inject(.throttleBody(bytesPerSecond: 2 << 20), on: .download, count: 2)
            let error = await #expect(throws: MagicHourError.self) {
                try await client.download(project, to: folder + "/v.mp4")
            }
            guard case .incompleteDownload(let expected, let received)? = error else {
                Issue.record("got \(String(describing: error))")
                return
            }
            #expect(expected == Int64(Self.size))
            #expect(received > 0 && received < expected)
            #expect(await fake.stats().requests(.download) == 2)
            #expect(try Self.downloadsLeft(in: folder).isEmpty)
        }
    }

    @Test("a response head later than the request timeout is a timeout, and the next attempt succeeds")
    func headLaterThanRequestTimeout() async throws {
        let (folder, source, bytes) = try Self.makeSource()
        try await TestHarness.with(client: { $0.requestTimeout = .milliseconds(500) }) { fake, client in
            let id = try await fake.addCompletedProject(servingFile: source)
            let project = try await client.getProject(id: id)
            await fake.inject(.delay(.seconds(3)), on: .download)
            let clock = ContinuousClock()
            let start = clock.now
            let file = try await client.download(project, to: folder + "/v.mp4")
            #expect(start.duration(to: clock.now) < .seconds(3))
            #expect(try Data(contentsOf: URL(fileURLWithPath: file.path)) == bytes)
            #expect(await fake.stats().requests(.download) == 2)
        }
    }
}
