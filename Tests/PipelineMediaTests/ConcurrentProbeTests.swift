import PipelineBasics
import PipelineMedia
import Testing

/// Probes from many threads at once (`Blocking`'s pool, where the engine runs blocking work) give
/// the same answers as one at a time.
@Suite struct ConcurrentProbeTests {
    /// What one probe of `path` gives: the description or the error.
    private static func outcome(_ path: String) -> Result<MediaInfo, MediaProbeError> {
        Result { () throws(MediaProbeError) in try MediaProbe.info(ofFile: path) }
    }

    @Test func manyThreadsProbeTheSameAndDifferentFilesAtOnce() async throws {
        let folder = try MediaFolder()
        defer { folder.remove() }
        let video = try await folder.video(
            "clip.mp4", seconds: 2.5, width: 320, height: 240, framesPerSecond: 24, audio: true)
        let tone = try await folder.tone("tone.wav", seconds: 1.75)
        let paths = [video, tone, folder.file("missing.mp4"), try folder.write("notes.txt", bytes: Array("hi\n".utf8))]
        let expected = paths.map(Self.outcome)
        #expect(expected[2] == .failure(.fileMissing(path: paths[2])))
        let rounds = 240
        let mismatches = try await withThrowingTaskGroup(of: Int.self) { group in
            for round in 0..<rounds {
                let index = round % paths.count
                group.addTask {
                    try await Blocking.run { Self.outcome(paths[index]) == expected[index] ? 0 : 1 }
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(mismatches == 0)
    }
}
