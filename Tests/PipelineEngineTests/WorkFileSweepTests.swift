import Foundation
import PipelineLanguage
import PipelineStore
import Testing

@testable import PipelineEngine

/// What `cache gc` may delete, found on real files: unrecorded files of the work folder, and
/// partial files anywhere in the output folder; never a file the cache records or a finished output.
@Suite struct WorkFileSweepTests {
    @Test func findsUnrecordedWorkFilesAndPartialFilesOnly() throws {
        let folder = try PlanFixture(images: [])
        try folder.write("out/.work/thumbs/kept.png", "kept")
        try folder.write("out/.work/thumbs/stale.png", "stale!")
        try folder.write("out/.work/deep/er/orphan.bin", "12345678")
        try folder.write("out/final/clip.mp4", "final output")
        try folder.write("out/final/.clip.mp4.Ab12.part", "half")
        try folder.write("out/.work/.x.png.Zz.part", "p")
        try folder.write("elsewhere/.y.part", "outside the output folder")
        let sweep = WorkFileSweep(base: folder.path, settings: Settings(outputDirectory: "out"))
        let found = sweep.unreferenced(keeping: ["out/.work/thumbs/kept.png"])
        #expect(
            found == [
                .init(path: "out/.work/.x.png.Zz.part", bytes: 1),
                .init(path: "out/.work/deep/er/orphan.bin", bytes: 8),
                .init(path: "out/.work/thumbs/stale.png", bytes: 6),
                .init(path: "out/final/.clip.mp4.Ab12.part", bytes: 4),
            ])
    }

    @Test func anOutputFolderWrittenWithDotsIsNormalized() throws {
        let folder = try PlanFixture(images: [])
        try folder.write("out/.work/a.png", "a")
        try folder.write("out/.work/b.png", "bb")
        let sweep = WorkFileSweep(base: folder.path, settings: Settings(outputDirectory: "./out/"))
        #expect(sweep.unreferenced(keeping: ["out/.work/a.png"]) == [.init(path: "out/.work/b.png", bytes: 2)])
    }

    @Test func aMissingOutputFolderHasNothingToSweep() throws {
        let folder = try PlanFixture(images: [])
        let sweep = WorkFileSweep(base: folder.path, settings: Settings(outputDirectory: "out"))
        #expect(sweep.unreferenced(keeping: []).isEmpty)
    }

    @Test func filesTheStoresCacheRecordsAreKept() async throws {
        let folder = try PlanFixture(images: [])
        try folder.write("out/.work/recorded.png", "r")
        try folder.write("out/.work/unrecorded.png", "u")
        let store = try SQLiteStateStore(path: folder.path + "/state.db")
        try await store.saveCacheEntry(
            CacheEntry(
                key: "k1", stage: "thumbs", taskID: "thumbs[a]", stageType: "image.resize", outputsJSON: "{}",
                files: [StoredFile(path: "out/./.work/recorded.png", sha256: "x", bytes: 1)], runID: "r1",
                createdAt: Date()))
        let sweep = WorkFileSweep(base: folder.path, settings: Settings(outputDirectory: "out"))
        #expect(try await sweep.unreferenced(in: store) == [.init(path: "out/.work/unrecorded.png", bytes: 1)])
    }
}
