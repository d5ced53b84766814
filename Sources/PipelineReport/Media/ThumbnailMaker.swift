import Foundation
import PipelineImaging

/// Makes small JPEG thumbnails with libvips (``ImageResizer``), through a scratch folder.
struct ThumbnailMaker: Sendable {
    /// The longest side of a thumbnail, in pixels.
    var side: Int
    /// The scratch folder the thumbnails are written to before they are read back.
    var scratch: String
    private let resizer = ImageResizer()

    init(side: Int, scratch: String) {
        self.side = side
        self.scratch = scratch
    }

    /// A JPEG of `path` that fits in `side`×`side` (never enlarged).
    /// - Parameter index: Makes the scratch file name unique among concurrent calls.
    func thumbnail(of path: String, index: Int) throws(ImagingError) -> Data {
        let output = scratch + "/thumbnail-\(index).jpg"
        defer { try? FileManager.default.removeItem(atPath: output) }
        _ = try resizer.resize(
            ResizeRequest(
                input: path, output: output, width: side, height: side, fit: .inside, format: .jpg, quality: 80))
        guard let data = FileManager.default.contents(atPath: output) else {
            throw .writeFailed(path: output, reason: "the thumbnail cannot be read back")
        }
        return data
    }
}
