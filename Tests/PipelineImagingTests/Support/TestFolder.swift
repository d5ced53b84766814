import Foundation
import PipelineImaging

/// A fresh temporary folder for one test, with helpers to make real images in it.
struct TestFolder {
    let path: String

    init() throws {
        let base = FileManager.default.temporaryDirectory.path + "/pipeline-imaging-tests"
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        var template = Array((base + "/t.XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw CocoaError(.fileWriteUnknown) }
        path = String(cString: made)
    }

    /// The path of `name` inside the folder.
    func file(_ name: String) -> String { path + "/" + name }

    /// Writes a generated `width`×`height` picture named `name` and returns its path.
    func image(_ name: String, width: Int, height: Int, orientation: Int? = nil, noise: Double = 0) throws -> String {
        let target = file(name)
        try SyntheticImage.write(to: target, width: width, height: height, orientation: orientation, noise: noise)
        return target
    }

    /// The names in the folder (hidden ones included).
    func contents(of folder: String? = nil) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder ?? path).sorted()
    }

    /// The first bytes of a file.
    func prefix(of file: String, _ count: Int) throws -> [UInt8] {
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        return Array(data.prefix(count))
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
