import Foundation

/// `make` on the same DAG as a benchmark pipeline: the peer a no-op re-run is measured against.
enum MakePeer {
    /// Writes `Makefile` in `directory`: for the paid pipeline one target per clip
    /// (`.make/clip-N.done`, made from `image.png`), for the file pipeline one copy per photo
    /// (`out/make/photo-N.png` from `photos/photo-N.png`), and `all` depending on every one.
    static func writeMakefile(in directory: String, count: Int, files: Bool) throws {
        let targets = (0..<count).map { index in
            files ? String(format: "out/make/photo-%05d.png", index) : ".make/clip-\(index).done"
        }
        var text = "all: " + targets.joined(separator: " ") + "\n\n"
        if files {
            text += "out/make/photo-%.png: photos/photo-%.png\n\t@mkdir -p out/make && cp $< $@\n"
        } else {
            text += ".make/clip-%.done: image.png\n\t@mkdir -p .make && touch $@\n"
        }
        try Data(text.utf8).write(to: URL(fileURLWithPath: directory + "/Makefile"))
    }

    /// Fills the DAG once (`make -s`), then times `make -s` re-runs, which have nothing to do,
    /// alternated with `other`'s runs (`other(i)` is timed by the caller): their medians side by side.
    static func alternate(
        in directory: String, repeats: Int, other: (Int) throws -> TimedChild
    ) throws -> (make: [TimedChild], other: [TimedChild]) {
        guard let make = Executable.find("make") else { throw TimedChild.ChildError(message: "make is not on PATH") }
        _ = try TimedChild.run(make, ["-s", "-j2"], in: directory).checked("make (the first run)")
        var makes: [TimedChild] = []
        var others: [TimedChild] = []
        for index in 0..<max(1, repeats) {
            makes.append(try TimedChild.run(make, ["-s"], in: directory).checked("make -s"))
            others.append(try other(index))
        }
        return (makes, others)
    }
}
