import Foundation
import MagicHour
import PipelineBasics
import PipelineEngine
import PipelineLanguage
import PipelineStore

/// `magic_hour.image_to_video`: a paid Magic Hour job, paid for exactly once through
/// ``PaidProjectFlow``: the image (and end image) uploaded, then the create call.
public struct ImageToVideoExecutor: StageExecutor {
    let client: MagicHourClient

    public init(client: MagicHourClient) {
        self.client = client
    }

    public func execute(_ context: TaskContext) async throws -> TaskResult {
        let client = self.client
        let flow = PaidProjectFlow(
            client: client, kind: .video, timing: .imageToVideo,
            ceiling: { UnpricedCeiling.credits(parameters: $0.parameters) },
            prepare: { context in try await Self.prepare(context, client: client) },
            outputs: Self.outputs)
        return try await flow.execute(context)
    }

    /// Checks and uploads the image (and end image), and returns the create call.
    private static func prepare(
        _ context: TaskContext, client: MagicHourClient
    ) async throws -> @Sendable () async throws -> CreatedProject {
        try await ImageInputCheck.verify(context)
        guard let image = context.string("image"), let seconds = context.number("end_seconds") else {
            throw TaskFailure("magic_hour.image_to_video needs 'image' and 'end_seconds'", retryable: false)
        }
        context.enter(.uploading, image)
        let filePath = try await client.upload(file: PathText.isRemote(image) ? image : context.absolutePath(image))
        var endImageFilePath: String?
        if let endImage = context.string("end_image") {
            endImageFilePath = try await client.upload(
                file: PathText.isRemote(endImage) ? endImage : context.absolutePath(endImage))
        }
        let defaultName = "\(context.pipelineName)/\(context.task.id)"
        let audio: Bool? = if case .bool(let on)? = context.parameters["audio"] { on } else { nil }
        let request = ImageToVideoRequest(
            imageFilePath: filePath, endSeconds: seconds,
            resolution: context.string("resolution").flatMap(VideoResolution.init(rawValue:)),
            name: context.string("name") ?? String(defaultName.prefix(200)), prompt: context.string("prompt"),
            model: context.string("model"), audio: audio, endImageFilePath: endImageFilePath)
        return { try await client.createImageToVideo(request) }
    }

    static func outputs(_ project: Project) -> [String: Value] {
        var outputs = PaidProjectFlow.commonOutputs(project)
        outputs["fps"] = .number(project.fps)
        outputs["width"] = .number(Double(project.width))
        outputs["height"] = .number(Double(project.height))
        return outputs
    }
}
