import PipelineImaging
import Testing

@Suite("Concurrency")
struct ConcurrencyTests {
    @Test("Eight resizes at once from a task group all succeed")
    func taskGroup() async throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        let sources = try (0..<8).map { index in
            index.isMultiple(of: 2)
                ? try folder.image("src\(index).jpg", width: 1200, height: 800, noise: 8)
                : try folder.image("src\(index).png", width: 800, height: 1200, noise: 8)
        }
        let resizer = ImageResizer()
        let results = try await withThrowingTaskGroup(of: ResizeResult.self) { group in
            for (index, source) in sources.enumerated() {
                group.addTask {
                    try resizer.resize(
                        ResizeRequest(
                            input: source, output: folder.file("out/\(index).webp"), width: 300, height: 300,
                            fit: .contain, format: .webp))
                }
            }
            var collected: [ResizeResult] = []
            for try await result in group { collected.append(result) }
            return collected
        }
        #expect(results.count == 8)
        for result in results {
            let landscape =
                result.path.hasSuffix("0.webp") || result.path.hasSuffix("2.webp")
                || result.path.hasSuffix("4.webp") || result.path.hasSuffix("6.webp")
            #expect(
                landscape ? (result.width, result.height) == (300, 200) : (result.width, result.height) == (200, 300))
        }
        #expect(try folder.contents(of: folder.file("out")).count == 8)
    }
}
