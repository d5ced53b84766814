import PipelineLanguage
import Testing

/// The one resolver of relative paths and the one test of "is this file remote".
@Suite struct PathResolutionTests {
    @Test(arguments: [
        ("a.png", "/work/p", "/work/p/a.png"),
        ("sub/a.png", "/work/p/", "/work/p/sub/a.png"),
        ("/abs/a.png", "/work/p", "/abs/a.png"),
        ("a.png", "", "a.png"),
        ("a.png", ".", "a.png"),
        ("../a.png", "/work/p", "/work/p/../a.png"),
    ])
    func resolvesAgainstABase(path: String, base: String, expected: String) {
        #expect(PathText.resolve(path, against: base) == expected)
    }

    @Test(arguments: [
        ("https://example.com/a.png", true), ("http://example.com/a.png", true),
        ("api-assets/abc/a.png", true), ("assets/a.png", false), ("/tmp/https://x", false),
        ("httpx://example.com", false), ("", false),
    ])
    func tellsRemoteFilesFromLocalOnes(path: String, remote: Bool) {
        #expect(PathText.isRemote(path) == remote)
    }
}
