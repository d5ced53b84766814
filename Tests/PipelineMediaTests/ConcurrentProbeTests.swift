import PipelineMedia
import Testing

/// Probes from many threads at once give the same answers as one at a time.
@Suite struct ConcurrentProbeTests {
    @Test func manyThreadsProbeTheSameAndDifferentFilesAtOnce() async throws {
        let folder = try MediaFolder()
        defer { folder.remove() }
        let video = try await folder.video(
            "clip.mp4", seconds: 2.5, width: 320, height: 240, framesPerSecond: 24, audio: true)
        let tone = try await folder.tone("tone.wav", seconds: 1.75)
        let missing = folder.file("missing.mp4")
        let expectedVideo = try MediaProbe.info(ofFile: video)
        let expectedTone = try MediaProbe.info(ofFile: tone)
        let rounds = 200
        let mismatches = await withTaskGroup(of: Int.self) { group in
            for round in 0..<rounds {
                group.addTask {
                    switch round % 3 {
                    case 0: return (try? MediaProbe.info(ofFile: video)) == expectedVideo ? 0 : 1
                    case 1: return (try? MediaProbe.info(ofFile: tone)) == expectedTone ? 0 : 1
                    default:
                        do throws(MediaProbeError) {
                            _ = try MediaProbe.info(ofFile: missing)
                            return 1
                        } catch {
                            return error == .fileMissing(path: missing) ? 0 : 1
                        }
                    }
                }
            }
            return await group.reduce(0, +)
        }
        #expect(mismatches == 0)
    }
}
