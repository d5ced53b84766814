import Foundation
import PipelineBasics
import PipelineImaging
import PipelineLanguage

/// Which planned resizes will not reach their target size: the source image is smaller than the
/// box and may not be enlarged (`upscale: false`, or `fit: inside`), so the output keeps a smaller
/// size than the file declares. `pipeline plan` prints one note per such task.
public enum ResizeTargetCheck {
    /// One note per resize task whose output stays smaller than its target, in plan order.
    /// - Parameters:
    ///   - plan: The plan; only `image.resize` tasks whose image is known at plan time are read.
    ///   - baseDirectory: The pipeline file's folder, which relative image paths start from.
    public static func notes(for plan: Plan, baseDirectory: String) -> [String] {
        var checks: [Check] = []
        // Read in place: no task is copied, only its parameters.
        for index in plan.tasks.indices where plan.tasks[index].typeName == StageType.imageResize.name {
            let parameters = plan.tasks[index].parameters
            guard let image = parameters["image"]?.stringValue, !image.isEmpty else { continue }
            checks.append(
                Check(
                    taskID: plan.tasks[index].id, image: image, path: PathText.resolve(image, against: baseDirectory),
                    width: parameters["width"]?.numberValue.map { Int($0) },
                    height: parameters["height"]?.numberValue.map { Int($0) },
                    fit: parameters["fit"]?.stringValue ?? "contain",
                    upscale: parameters["upscale"]?.boolValue ?? false))
        }
        // The headers are read on every core (a plan of 100,000 photos reads 100,000 headers), of
        // the files libvips reads itself: anything else would go through its ImageMagick loader,
        // a millisecond or more a file, to a note at most.
        let sizes = Blocking.map(checks) { check in
            hasNativeSignature(check.path) ? try? ImageResizer().imageSize(atPath: check.path) : nil
        }
        var notes: [String] = []
        for (check, size) in zip(checks, sizes) {
            guard let size,
                let output = outputSize(
                    of: size, width: check.width, height: check.height, fit: check.fit,
                    mayEnlarge: check.upscale && check.fit != "inside")
            else { continue }
            let target = "\(check.width.map(String.init) ?? "auto")×\(check.height.map(String.init) ?? "auto")"
            let reason = check.fit == "inside" ? "fit is inside (never enlarges)" : "upscale is false"
            notes.append(
                "\(check.image) is \(size.width)×\(size.height): smaller than \(target) and \(reason), "
                    + "output stays \(output.width)×\(output.height) (\(check.taskID))")
        }
        return notes
    }

    /// Whether the file at `path` starts as an image libvips reads without ImageMagick: JPEG, PNG,
    /// WebP, GIF, TIFF, or HEIF/AVIF.
    static func hasNativeSignature(_ path: String) -> Bool {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var head = [UInt8](repeating: 0, count: 12)
        let count = head.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, 12) }
        guard count > 0 else { return false }
        head.removeLast(head.count - count)
        return hasNativeSignature(head: head)
    }

    /// Whether `head` (a file's first bytes) is the start of a JPEG, PNG, WebP, GIF, TIFF or HEIF/AVIF.
    static func hasNativeSignature(head: [UInt8]) -> Bool {
        // JPEG, PNG, WebP and GIF as downloads are checked; then TIFF and HEIF/AVIF.
        if MediaSignature.matches(.image, head: head) { return true }
        func at(_ offset: Int, _ text: String) -> Bool {
            let bytes = Array(text.utf8)
            return head.count >= offset + bytes.count && head[offset..<offset + bytes.count].elementsEqual(bytes)
        }
        return at(0, "II*\u{0}") || at(0, "MM\u{0}*")
            || (at(4, "ftyp") && ["heic", "heix", "mif1", "avif", "avis"].contains { at(8, $0) })
    }

    /// What one resize task asks for, read from the plan.
    private struct Check: Sendable {
        var taskID: String
        var image: String
        var path: String
        var width: Int?
        var height: Int?
        var fit: String
        var upscale: Bool
    }

    /// The size libvips will write when it falls short of the target; `nil` when it reaches it.
    static func outputSize(
        of size: (width: Int, height: Int), width: Int?, height: Int?, fit: String, mayEnlarge: Bool
    ) -> (width: Int, height: Int)? {
        guard !mayEnlarge, size.width > 0, size.height > 0 else { return nil }
        let scaleX = width.map { Double($0) / Double(size.width) }
        let scaleY = height.map { Double($0) / Double(size.height) }
        if let scaleX, let scaleY, let width, let height {
            switch fit {
            case "fill": return nil  // stretched to the box whatever its size
            case "cover":
                // Scaled to cover the box, then cropped to it: without enlarging, the crop keeps
                // what there is.
                guard max(scaleX, scaleY) > 1 else { return nil }
                return (min(size.width, width), min(size.height, height))
            default:
                guard min(scaleX, scaleY) > 1 else { return nil }
                return size
            }
        }
        guard let scale = scaleX ?? scaleY, scale > 1 else { return nil }
        return size
    }
}
