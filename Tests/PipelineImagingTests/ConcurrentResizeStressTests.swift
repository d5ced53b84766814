import Foundation
import PipelineImaging
import Testing

/// libvips' vector paths (liborc) generate machine code at run time, and that generation races
/// when many threads build operations at once: a batch of 1,000 concurrent resizes died with
/// SIGSEGV inside liborc about once in eleven runs. The start-up turns them off; these tests keep
/// it that way and keep a many-threaded batch in the suite.
@Suite("Concurrent resizing without liborc")
struct ConcurrentResizeStressTests {
    @Test("libvips runs without its vector (orc) paths once started here")
    func vectorPathsAreOff() {
        #expect(ImageResizer.usesVectorPaths == false)
    }

    @Test("300 small images resized on 24 threads at once: every output is there, decodes, and has its size")
    func manyThreads() throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        let count = 300
        // Made once, copied: writing 300 distinct images would take longer than the resizes.
        let png = try folder.image("source.png", width: 96, height: 64, noise: 12)
        let jpeg = try folder.image("source.jpg", width: 64, height: 96, noise: 12)
        let sources = try (0..<count).map { index in
            let source = folder.file("in/\(index).\(index.isMultiple(of: 2) ? "png" : "jpg")")
            try FileManager.default.createDirectory(
                atPath: folder.file("in"), withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: index.isMultiple(of: 2) ? png : jpeg, toPath: source)
            return source
        }
        let formats: [ImageFormat] = [.png, .jpg, .webp]
        let failures = LockedMessages()
        let threads = 24
        let group = DispatchGroup()
        for thread in 0..<threads {
            group.enter()
            let worker = Thread {
                defer { group.leave() }
                for index in stride(from: thread, to: count, by: threads) {
                    let format = formats[index % formats.count]
                    let request = ResizeRequest(
                        input: sources[index], output: folder.file("out/\(index).\(format.rawValue)"),
                        width: 48, height: 48, fit: index.isMultiple(of: 3) ? .cover : .contain, format: format)
                    do {
                        _ = try ImageResizer().resize(request)
                    } catch {
                        failures.add("\(index): \(error)")
                    }
                }
            }
            worker.start()
        }
        #expect(group.wait(timeout: .now() + 50) == .success, "the batch took longer than 50 s")
        #expect(failures.all.isEmpty, "\(failures.all.prefix(5))")
        for index in 0..<count {
            let format = formats[index % formats.count]
            let output = folder.file("out/\(index).\(format.rawValue)")
            let size = try ImageVerifier().verify(atPath: output)
            let landscape = index.isMultiple(of: 2)
            let expected =
                index.isMultiple(of: 3) ? (48, 48) : landscape ? (48, 32) : (32, 48)
            #expect(size == expected, "output \(index)")
        }
    }
}
