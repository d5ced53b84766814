import Foundation
import MagicHour
import MagicHourRules
import PipelineBasics
import PipelineEngine
import PipelineLanguage

/// The executor of every stage type made from a generation endpoint (`magic_hour.<endpoint>`):
/// its local file fields checked and uploaded (once per content in a run, see ``UploadMemo``),
/// its body built from the endpoint's fields, and the job paid for exactly once through
/// ``PaidProjectFlow``, polled at its project kind's route.
public struct EndpointExecutor: StageExecutor {
    let endpoint: GenerationEndpoint
    let client: MagicHourClient
    let uploads: UploadMemo

    public init(endpoint: GenerationEndpoint, client: MagicHourClient, uploads: UploadMemo = UploadMemo()) {
        self.endpoint = endpoint
        self.client = client
        self.uploads = uploads
    }

    public func execute(_ context: TaskContext) async throws -> TaskResult {
        let (endpoint, client, uploads) = (self.endpoint, self.client, self.uploads)
        let flow = PaidProjectFlow(
            client: client, kind: endpoint.kind, timing: endpoint.timing,
            ceiling: { EndpointRules.ceiling(endpoint, EndpointStage.values($0.parameters)) },
            prepare: { context in
                var values = EndpointStage.values(context.parameters)
                for field in endpoint.fields {
                    guard let media = field.media, let file = context.string(field.parameter) else { continue }
                    values[field.parameter] = .text(
                        try await Self.upload(file, media: media, context: context, client: client, uploads: uploads))
                }
                let name = context.string("name") ?? String("\(context.pipelineName)/\(context.task.id)".prefix(200))
                let request = values
                return { try await client.create(endpoint, values: request, name: name) }
            },
            outputs: { Self.outputs($0, endpoint: endpoint) })
        return try await flow.execute(context)
    }

    /// A file field's `file_path`: an http(s) URL as is; a local file checked (an image must
    /// decode in full) and uploaded, once per content.
    private static func upload(
        _ file: String, media: MediaKind, context: TaskContext, client: MagicHourClient, uploads: UploadMemo
    ) async throws -> String {
        if PathText.isRemote(file) { return file }
        let path = context.absolutePath(file)
        context.enter(.uploading, file)
        let check: (@Sendable () async throws -> Void)? =
            media == .image ? { @Sendable in try await ImageInputCheck.verify(file, at: path) } : nil
        return try await uploads.filePath(for: path, named: file, check: check) { try await client.upload(file: path) }
    }

    static func outputs(_ project: Project, endpoint: GenerationEndpoint) -> [String: Value] {
        var outputs = PaidProjectFlow.commonOutputs(project)
        outputs["project_kind"] = .string(endpoint.kind.rawValue)
        switch endpoint.kind {
        case .video:
            outputs["fps"] = .number(project.fps)
            outputs["width"] = .number(Double(project.width))
            outputs["height"] = .number(Double(project.height))
            outputs["duration"] = .number(max(0, project.endSeconds - project.startSeconds))
        case .image:
            outputs["image_count"] = .number(Double(project.imageCount ?? project.downloads.count))
        case .audio:
            break
        }
        return outputs
    }
}
