import Foundation
import PipelineMedia
import Testing

/// libavformat is loaded on the first probe, not linked (see `CAVFormatShim`): after a probe, this
/// process has the very library the headers describe mapped, and the probe read the file through it.
@Suite struct LibraryLoadTests {
    @Test func theFirstProbeLoadsLibavformatAndReadsTheFile() async throws {
        let folder = try MediaFolder()
        defer { folder.remove() }
        let video = try await folder.video(
            "clip.mp4", seconds: 1.5, width: 160, height: 120, framesPerSecond: 25, audio: false)
        let info = try MediaProbe.info(ofFile: video)
        #expect(info.width == 160 && info.height == 120 && info.hasVideo)
        // A /proc file says its size is 0: read it to its end, not to its stated size.
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: "/proc/self/maps"))
        defer { try? handle.close() }
        let maps = String(decoding: try handle.readToEnd() ?? Data(), as: UTF8.self)
        #expect(maps.contains("/libavformat.so."), "libavformat is not mapped after a probe")
    }
}
