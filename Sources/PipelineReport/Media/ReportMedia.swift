import Foundation

/// How the page shows each image and video of a report: embedded data, a link, or "missing".
package struct ReportMedia: Sendable, Equatable {
    /// A resized image's thumbnail.
    package enum Thumbnail: Sendable, Equatable {
        /// A small JPEG, embedded as a `data:` URI.
        case jpeg(Data)
        /// The image is gone.
        case missing
        /// The image is there but could not be read.
        case unreadable(reason: String)
        /// Beyond the number of thumbnails a page shows.
        case notShown
    }

    /// Where a video's `<video>` element gets its bytes.
    package enum VideoSource: Sendable, Equatable {
        /// The file's bytes, embedded as a base64 `data:` URI when the page is written.
        case embedded(absolutePath: String, bytes: Int64)
        /// A URL relative to the report's folder: embedding it would pass the embed limit.
        case linked(href: String)
        /// Every path holding the video is gone.
        case missing
    }

    /// Thumbnails by the image's absolute path.
    package var thumbnails: [String: Thumbnail]
    /// Video sources by the video's SHA-256.
    package var videos: [String: VideoSource]
    /// The most video bytes the page embeds.
    package var embedLimitBytes: Int64
    /// The video bytes it embeds.
    package var embeddedBytes: Int64

    /// Creates media.
    package init(
        thumbnails: [String: Thumbnail], videos: [String: VideoSource], embedLimitBytes: Int64, embeddedBytes: Int64
    ) {
        self.thumbnails = thumbnails
        self.videos = videos
        self.embedLimitBytes = embedLimitBytes
        self.embeddedBytes = embeddedBytes
    }

    /// Videos linked rather than embedded.
    package var linkedCount: Int {
        videos.values.filter { if case .linked = $0 { true } else { false } }.count
    }

    /// Videos embedded.
    package var embeddedCount: Int {
        videos.values.filter { if case .embedded = $0 { true } else { false } }.count
    }
}
