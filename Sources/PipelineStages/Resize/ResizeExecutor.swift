import Foundation
import PipelineBasics
import PipelineEngine
import PipelineImaging
import PipelineLanguage
import PipelineStore

/// `image.resize`: one image resized through libvips, written atomically to the task's planned path.
public struct ResizeExecutor: StageExecutor {
    let resizer: ImageResizer

    public init(resizer: ImageResizer = ImageResizer()) {
        self.resizer = resizer
    }

    public func execute(_ context: TaskContext) async throws -> TaskResult {
        guard let image = context.string("image"), let relativeOutput = context.task.outputPath else {
            throw TaskFailure("image.resize needs 'image' and a planned output path", retryable: false)
        }
        let input = context.absolutePath(image)
        let outputDirectory = context.outputDirectory
        let plannedOutput = context.absolutePath(relativeOutput)
        // Its folders made inside the output folder only; the image is written at the physical path.
        let output = try await Blocking.run {
            try OutputFolder.prepare(file: plannedOutput, inside: outputDirectory, shown: relativeOutput)
        }
        context.phase(.resizing)
        let formatName = context.string("format") ?? "keep"
        let format =
            formatName == "keep"
            ? ImageFormat(fileExtension: PathText.extension(relativeOutput)) ?? .png
            : ImageFormat(fileExtension: formatName) ?? .png
        let request = ResizeRequest(
            input: input, output: output,
            width: context.number("width").map { Int($0) }, height: context.number("height").map { Int($0) },
            fit: ResizeFit(rawValue: context.string("fit") ?? "contain") ?? .contain, format: format,
            quality: context.number("quality").map { Int($0) } ?? 85,
            upscale: context.parameters["upscale"]?.boolValue ?? false)
        let resizer = self.resizer
        let result: ResizeResult
        do {
            result = try await Blocking.run { try resizer.resize(request) }
        } catch let error as ImagingError {
            switch error {
            case .unreadable(_, let reason):
                // A corrupt or unreadable image fails the same way every time.
                throw TaskFailure("\(image) cannot be read as an image: \(reason)", retryable: false)
            case .invalidRequest, .libraryUnavailable:
                throw TaskFailure(error.description, retryable: false)
            case .writeFailed:
                throw TaskFailure(error.description, retryable: true)
            }
        }
        let stored = try StoredFile.hashing(absolutePath: output, relativePath: relativeOutput)
        return TaskResult(
            outputs: [
                "path": .string(relativeOutput), "width": .number(Double(result.width)),
                "height": .number(Double(result.height)), "format": .string(result.format.rawValue),
                "bytes": .number(Double(result.bytes)),
            ],
            files: [stored])
    }
}
