import PipelineBasics
import PipelineEngine
import PipelineImaging
import PipelineLanguage

/// Before a paid stage uploads a local image, proves that the file decodes in full (header and
/// every pixel, through libvips), once per content in a run (see ``UploadMemo``): a binary file
/// or a truncated PNG would otherwise be uploaded and paid for. Fails the task without spending,
/// and not retryably (the same file fails the same way every time).
enum ImageInputCheck {
    /// Checks the local image `image` (shown as written) at `path`.
    static func verify(_ image: String, at path: String, verifier: ImageVerifier = ImageVerifier()) async throws {
        do {
            try await Blocking.run { _ = try verifier.verify(atPath: path) }
        } catch let error as ImagingError {
            throw TaskFailure(message(image, error), retryable: false)
        }
    }

    /// What the paid stage sends as is, without reading a local file.
    static func isRemote(_ image: String) -> Bool {
        PathText.isRemote(image)
    }

    private static func message(_ image: String, _ error: ImagingError) -> String {
        switch error {
        case .unreadable(_, let reason):
            "\(image) is not a usable image, so it was not uploaded and nothing was paid: \(reason)"
        default:
            "\(image) could not be checked before the upload, so nothing was paid: \(error)"
        }
    }
}
