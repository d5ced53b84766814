import MagicHour
import MagicHourRules
import PipelineEngine
import PipelineImaging
import PipelineLanguage

/// The executors of the built-in stage types, by stage type name.
public enum StandardExecutors {
    public static func make(
        client: MagicHourClient, resizer: ImageResizer = ImageResizer()
    ) -> [String: any StageExecutor] {
        // Every generation executor shares the run's uploads: a file is uploaded once per content.
        let uploads = UploadMemo()
        var executors: [String: any StageExecutor] = [
            StageType.imageResize.name: ResizeExecutor(resizer: resizer),
            StageType.imageToVideo.name: ImageToVideoExecutor(client: client, uploads: uploads),
            StageType.download.name: DownloadExecutor(client: client),
            StageType.rename.name: RenameExecutor(),
        ]
        // One executor per generation endpoint.
        for endpoint in EndpointCatalog.endpoints {
            executors[endpoint.stageTypeName] = EndpointExecutor(endpoint: endpoint, client: client, uploads: uploads)
        }
        return executors
    }
}
