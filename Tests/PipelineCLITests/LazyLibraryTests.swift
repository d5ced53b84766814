import Foundation
import Testing

/// libvips and libavformat (about 160 shared libraries between them) are loaded on first use, so a
/// `pipeline` command that resizes and probes nothing starts without them: the real executable, idle
/// and serving, has neither mapped, while the test process, which resized and probed, has both.
@Suite struct LazyLibraryTests {
    private static func mapped(_ pid: Int32) throws -> String {
        // A /proc file says its size is 0: read it to its end, not to its stated size.
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: "/proc/\(pid)/maps"))
        defer { try? handle.close() }
        return String(decoding: try handle.readToEnd() ?? Data(), as: UTF8.self)
    }

    @Test func aServingPipelineProcessHasNeitherLibraryMapped() async throws {
        let fake = try await FakeAPIProcess()
        defer { fake.stop() }
        // It answers requests, so it is past its start-up.
        _ = try await fake.stats()
        let maps = try Self.mapped(fake.process.pid)
        #expect(maps.contains("/libsqlite3.so"), "the map of the process was not read: \(maps.prefix(200))")
        #expect(!maps.contains("/libvips.so."), "libvips was loaded at start-up")
        #expect(!maps.contains("/libavformat.so."), "libavformat was loaded at start-up")
    }
}
