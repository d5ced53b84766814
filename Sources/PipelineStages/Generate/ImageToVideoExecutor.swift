import Foundation
import MagicHour
import PipelineBasics
import PipelineEngine
import PipelineLanguage
import PipelineStore

/// `magic_hour.image_to_video`: a paid Magic Hour job, paid for exactly once through
/// ``PaidProjectFlow``: the image (and end image) uploaded (once per content in a run, see
/// ``UploadMemo``), then the create call.
public struct ImageToVideoExecutor: StageExecutor {
    let client: MagicHourClient
    let uploads: UploadMemo

    public init(client: MagicHourClient, uploads: UploadMemo = UploadMemo()) {
        self.client = client
        self.uploads = uploads
    }

    public func execute(_ context: TaskContext) async throws -> TaskResult {
        let (client, uploads) = (self.client, self.uploads)
        let flow = PaidProjectFlow(
            client: client, kind: .video, timing: .imageToVideo,
            ceiling: { UnpricedCeiling.credits(parameters: $0.parameters) },
            prepare: { context in try await Self.prepare(context, client: client, uploads: uploads) },
            outputs: Self.outputs)
        return try await flow.execute(context)
    }

    /// Checks and uploads the image (and end image), and returns the create call.
    private static func prepare(
        _ context: TaskContext, client: MagicHourClient, uploads: UploadMemo
    ) async throws -> @Sendable () async throws -> CreatedProject {
        guard let image = context.string("image"), let seconds = context.number("end_seconds") else {
            throw TaskFailure("magic_hour.image_to_video needs 'image' and 'end_seconds'", retryable: false)
        }
        context.enter(.uploading, image)
        let filePath = try await upload(image, checked: true, context: context, client: client, uploads: uploads)
        var endImageFilePath: String?
        if let endImage = context.string("end_image") {
            endImageFilePath = try await upload(
                endImage, checked: false, context: context, client: client, uploads: uploads)
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

    /// An image's `file_path`: a URL as the client passes it on; a local file uploaded once per
    /// content, after it proved to decode in full when `checked` (``ImageInputCheck``).
    private static func upload(
        _ image: String, checked: Bool, context: TaskContext, client: MagicHourClient, uploads: UploadMemo
    ) async throws -> String {
        if ImageInputCheck.isRemote(image) { return try await client.upload(file: image) }
        let path = context.absolutePath(image)
        let check: (@Sendable () async throws -> Void)? =
            checked ? { @Sendable in try await ImageInputCheck.verify(image, at: path) } : nil
        return try await uploads.filePath(for: path, named: image, check: check) { try await client.upload(file: path) }
    }

    static func outputs(_ project: Project) -> [String: Value] {
        var outputs = PaidProjectFlow.commonOutputs(project)
        outputs["fps"] = .number(project.fps)
        outputs["width"] = .number(Double(project.width))
        outputs["height"] = .number(Double(project.height))
        return outputs
    }
}
