import Foundation
import Testing

extension EngineAcceptanceTests {
    /// A run whose output folder fills up: the failure is explained, nothing paid is lost, and a
    /// re-run with room again finishes without paying twice.
    @Suite(.timeLimit(.minutes(3)))
    struct FullDiskTests {
        @Test(
            "a full output disk: the system's reason, a non-zero exit, the projects kept; with room, the re-run pays nothing",
            .enabled("needs to mount a tmpfs (root with CAP_SYS_ADMIN)") { await SmallDisk.canMount() })
        func fullOutputDisk() async throws {
            let fake = try await FakeAPIProcess()
            defer { fake.stop() }
            let workspace = try PipelineWorkspace("full-disk")
            defer { workspace.remove() }
            try workspace.addImage("products/backpack.png", as: "one.png")
            try workspace.write("shots.yaml", AcceptancePipelines.shots(3))
            // 16 KiB: room for the folders, not for one video (the fake's are 40 KB and more).
            let disk = try await SmallDisk(at: workspace.path("out"), size: "16k")
            defer { disk.unmountLater() }
            let arguments = ["run", "shots.yaml", "--api-base-url", fake.baseURL]

            let full = try await workspace.pipeline(arguments, token: fake.token)
            #expect(full.status != 0, "\(full.allOutput)")
            #expect(full.allOutput.contains("No space left on device"), "\(full.allOutput)")
            #expect(!full.allOutput.contains(fake.token))
            let paid = try await fake.stats().creates
            #expect(paid == 3)

            await disk.unmount()
            let withRoom = try await workspace.pipeline(arguments, token: fake.token)
            #expect(withRoom.status == 0, "\(withRoom.allOutput)")
            #expect(try await fake.stats().creates == paid, "the re-run paid again")
            let files = try FileManager.default.subpathsOfDirectory(atPath: workspace.path("out"))
            #expect(files.filter { $0.hasPrefix(".work/files/") && $0.hasSuffix(".mp4") }.count == 3, "\(files)")
            #expect(files.filter { $0.hasSuffix(".part") }.isEmpty, "\(files)")
        }
    }
}

/// A small tmpfs mounted over a folder, to fill a disk for real.
struct SmallDisk {
    let path: String
    private let mounted: Bool

    /// Whether this machine lets the tests mount a tmpfs.
    static func canMount() async -> Bool {
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("mount-probe-\(UUID().uuidString)")
            .path
        guard let disk = try? await SmallDisk(at: probe, size: "16k") else { return false }
        await disk.unmount()
        try? FileManager.default.removeItem(atPath: probe)
        return true
    }

    /// Creates `path` and mounts a tmpfs of `size` (e.g. `16k`) over it.
    init(at path: String, size: String) async throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        self.path = path
        self.mounted = await Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", path])
        if !mounted { throw CocoaError(.fileWriteNoPermission) }
    }

    /// Unmounts it (its files go with it); harmless when already done.
    func unmount() async {
        if mounted { _ = await Self.run("/bin/umount", [path]) }
    }

    /// For a `defer` on the error path: unmounts it in a task of its own.
    func unmountLater() {
        let disk = self
        Task { await disk.unmount() }
    }

    private static func run(_ program: String, _ arguments: [String]) async -> Bool {
        (try? await CommandRunner.run(program: program, arguments))?.status == 0
    }
}
