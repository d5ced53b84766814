/// A kind of Magic Hour job, by the name the docs' processing-time table gives it.
public enum MagicHourEndpoint: String, Sendable, Hashable, CaseIterable {
    case imageToVideo = "image-to-video"
    case textToVideo = "text-to-video"
    case aiVideoEditor = "ai-video-editor"
    case audioToVideo = "audio-to-video"
    case autoSubtitle = "auto-subtitle"
    case faceSwapVideo = "face-swap"
    case talkingPhoto = "talking-photo"
    case lipSync = "lip-sync"
    case characterReplace = "character-replace"
    case animation
    case videoToVideo = "video-to-video"
    case faceEditor = "face-editor"
    case backgroundRemover = "background-remover"
    case faceSwapPhoto = "face-swap-photo"
    case imageGenerator = "image-generator"
    case qrCode = "qr-code"
    case imageEditor = "image-editor"
    case meme
    case colorizer
    case clothesChanger = "clothes-changer"
    case headshot
    case headSwap = "head-swap"
    case upscaler
    case gif
    case bodySwap = "body-swap"
    case voice
}
