import Foundation
import Testing

@testable import PipelineLanguage

/// Pattern matching of paths without touching the disk: wildcards, classes, `**`, braces, and the
/// rule that wildcards never match a leading dot.
@Suite struct GlobMatchTests {
    @Test(arguments: [
        ("*.png", "a.png", true), ("*.png", "a.jpg", false), ("*.png", "dir/a.png", false),
        ("*.png", ".hidden.png", false), (".*.png", ".hidden.png", true), ("?.png", "a.png", true),
        ("?.png", "ab.png", false), ("?.png", ".png", false), ("[abc].png", "b.png", true),
        ("[abc].png", "d.png", false),
        ("[!abc].png", "d.png", true), ("[!abc].png", "a.png", false), ("[^a].png", "a.png", false),
        ("[a-c]x", "bx", true), ("[a-c]x", "dx", false), ("[]a]", "]", true), ("[]a]", "a", true), ("[a-]", "-", true),
        ("[abc", "[abc", true), ("[abc", "a", false), ("a*b*c", "aXbYbZc", true), ("a*b", "a", false),
        ("a*b", "ab", true), ("*a", ".a", false), ("photo.png", "photo.png", true), ("photo.png", "Photo.png", false),
        ("in/*/x.png", "in/a/x.png", true), ("in/*/x.png", "in/a/b/x.png", false), ("/in/*.png", "in/a.png", true),
        ("in//*.png", "in/a.png", true), ("*.PNG", "a.png", false), ("***.png", "a.png", true),
    ])
    func singleSegmentWildcards(_ pattern: String, _ path: String, _ matches: Bool) {
        #expect(Glob(pattern).matches(path) == matches, "\(pattern) ~ \(path)")
    }

    @Test(arguments: [
        ("**/*.png", "a.png", true), ("**/*.png", "x/y/a.png", true), ("**/*.png", ".git/a.png", false),
        ("**/*.png", "x/.cache/a.png", false), ("a/**", "a/b/c", true), ("a/**", "a", true), ("a/**", "b/c", false),
        ("a/**/b.png", "a/b.png", true), ("a/**/b.png", "a/x/y/b.png", true), ("a/**/b.png", "b.png", false),
        ("**", "deep/er/file", true), ("**/x/**/*.png", "p/x/q/r.png", true), ("**/x/**/*.png", "p/q/r.png", false),
    ])
    func doubleStarSpansFolders(_ pattern: String, _ path: String, _ matches: Bool) {
        #expect(Glob(pattern).matches(path) == matches, "\(pattern) ~ \(path)")
    }

    @Test(arguments: [
        ("*.{png,jpg}", "a.jpg", true), ("*.{png,jpg}", "a.png", true), ("*.{png,jpg}", "a.gif", false),
        ("{a,b}/{c,d}.txt", "b/c.txt", true), ("{a,b}/{c,d}.txt", "c/c.txt", false), ("x.{a,{b,c}}", "x.c", true),
        ("{a}", "{a}", true), ("{a}", "a", false), ("{,x}y", "y", true), ("{,x}y", "xy", true), ("{a,b", "{a,b", true),
    ])
    func bracesOfferAlternatives(_ pattern: String, _ path: String, _ matches: Bool) {
        #expect(Glob(pattern).matches(path) == matches, "\(pattern) ~ \(path)")
    }

    @Test(arguments: [
        ("a.{png,jpg}", ["a.png", "a.jpg"]), ("{a,b}{c,d}", ["ac", "ad", "bc", "bd"]), ("{a,{b,c}}", ["a", "b", "c"]),
        ("plain", ["plain"]), ("{a,b", ["{a,b"]), ("{solo}", ["{solo}"]), ("x{}y", ["x{}y"]),
    ])
    func braceExpansion(_ pattern: String, _ expected: [String]) {
        #expect(Glob.expandBraces(pattern) == expected)
    }

    @Test func braceExpansionIsBounded() {
        let explosive = String(repeating: "{a,b}", count: 14)
        let expanded = Glob.expandBraces(explosive)
        #expect(expanded.count == 1024, "expansion stops once a round reaches 1024 alternatives")
        #expect(Set(expanded).count == 1024)
        #expect(
            expanded.allSatisfy { $0.count == 10 + 4 * 5 && $0.hasSuffix(String(repeating: "{a,b}", count: 4)) },
            "ten groups were expanded, the last four kept as text")
    }

    @Test func folderExistsOnlyForRealFolders() throws {
        let folder = try TemporaryDirectory()
        try folder.write("in/photo.png", "x")
        #expect(Glob.folderExists("", in: folder.path), "the base itself always exists")
        #expect(Glob.folderExists("in", in: folder.path))
        #expect(!Glob.folderExists("in/photo.png", in: folder.path), "a file is not a folder")
        #expect(!Glob.folderExists("out", in: folder.path))
    }

    @Test func filesMatchByExactNamesWithoutListingTheFolder() throws {
        let folder = try TemporaryDirectory()
        try folder.write("in/a.png", "x")
        try folder.write("in/b.png", "x")
        #expect(Glob("in/a.png").files(in: folder.path) == ["in/a.png"])
        #expect(Glob("in/missing.png").files(in: folder.path).isEmpty)
        #expect(Glob("in").files(in: folder.path).isEmpty, "a folder named alone is not a file")
        #expect(Glob("in/{a,b,c}.png").files(in: folder.path) == ["in/a.png", "in/b.png"])
        #expect(Glob("*/a.png").files(in: folder.path) == ["in/a.png"])
    }

    @Test func patternsKeepTheirText() {
        #expect(Glob("in/*.{png,jpg}").pattern == "in/*.{png,jpg}")
        #expect(Glob("in/*.png") == Glob("in/*.png"))
        #expect(Glob("in/*.png") != Glob("in/*.jpg"))
    }
}
