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
        let resizer = ImageResizer()
        var notes: [String] = []
        for task in plan.tasks where task.typeName == StageType.imageResize.name {
            guard let image = task.parameters["image"]?.stringValue, !image.isEmpty else { continue }
            let width = task.parameters["width"]?.numberValue.map { Int($0) }
            let height = task.parameters["height"]?.numberValue.map { Int($0) }
            let fit = task.parameters["fit"]?.stringValue ?? "contain"
            let upscale = task.parameters["upscale"]?.boolValue ?? false
            let path = PathText.resolve(image, against: baseDirectory)
            guard let size = try? resizer.imageSize(atPath: path),
                let output = outputSize(
                    of: size, width: width, height: height, fit: fit, mayEnlarge: upscale && fit != "inside")
            else { continue }
            let target = "\(width.map(String.init) ?? "auto")×\(height.map(String.init) ?? "auto")"
            let reason = fit == "inside" ? "fit is inside (never enlarges)" : "upscale is false"
            notes.append(
                "\(image) is \(size.width)×\(size.height): smaller than \(target) and \(reason), "
                    + "output stays \(output.width)×\(output.height) (\(task.id))")
        }
        return notes
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
