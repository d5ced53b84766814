import Foundation
import PipelineImaging
import Testing

/// libvips is loaded on first use, not linked (see `CVipsShim`): after a resize, this process has
/// the very library the headers describe mapped, and the resize went through it.
@Suite struct LibraryLoadTests {
    @Test func aResizeLoadsLibvipsAndResizes() throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        let input = try folder.image("source.png", width: 300, height: 200)
        let result = try ImageResizer().resize(
            ResizeRequest(input: input, output: folder.file("out.png"), width: 150, format: .png))
        #expect(result.width == 150 && result.height == 100)
        // A /proc file says its size is 0: read it to its end, not to its stated size.
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: "/proc/self/maps"))
        defer { try? handle.close() }
        let maps = String(decoding: try handle.readToEnd() ?? Data(), as: UTF8.self)
        #expect(maps.contains("/libvips.so."), "libvips is not mapped after a resize")
    }
}
