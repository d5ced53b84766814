import MagicHour
import PipelineEngine
import PipelineImaging
import PipelineLanguage

/// The executors of the four built-in stage types, by stage type name.
public enum StandardExecutors {
    public static func make(
        client: MagicHourClient, resizer: ImageResizer = ImageResizer()
    ) -> [String: any StageExecutor] {
        [
            StageType.imageResize.name: ResizeExecutor(resizer: resizer),
            StageType.imageToVideo.name: ImageToVideoExecutor(client: client),
            StageType.download.name: DownloadExecutor(client: client),
            StageType.rename.name: RenameExecutor(),
        ]
    }
}
