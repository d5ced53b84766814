import Foundation
import PipelineLanguage

/// Decides how a report's media appear: makes the thumbnails (libvips), and embeds videos in
/// order until the embed limit, linking the rest by a path relative to the report.
package struct MediaPreparer: Sendable {
    /// The most video bytes embedded in the page; videos beyond it are linked.
    package var embedLimitBytes: Int64
    /// The most thumbnails a page shows.
    package var maxThumbnails: Int
    /// The longest side of a thumbnail, in pixels.
    package var thumbnailSide: Int
    /// Thumbnails made at once.
    package var concurrency: Int

    /// Creates a preparer.
    /// - Parameters:
    ///   - embedLimitBytes: The most video bytes embedded (64 MiB by default).
    ///   - maxThumbnails: The most thumbnails shown (300 by default).
    ///   - thumbnailSide: The longest side of a thumbnail (240 pixels by default).
    ///   - concurrency: Thumbnails made at once (2 by default).
    package init(
        embedLimitBytes: Int64 = 64 << 20, maxThumbnails: Int = 300, thumbnailSide: Int = 240, concurrency: Int = 2
    ) {
        self.embedLimitBytes = embedLimitBytes
        self.maxThumbnails = maxThumbnails
        self.thumbnailSide = thumbnailSide
        self.concurrency = max(1, concurrency)
    }

    /// The media of `report`, for a page written at `reportPath` (absolute).
    package func prepare(_ report: RunReport, reportPath: String) async -> ReportMedia {
        let thumbnails = await makeThumbnails(report.images)
        let reportDirectory = PathText.dirname(reportPath)
        var videos: [String: ReportMedia.VideoSource] = [:]
        var embedded: Int64 = 0
        for video in report.videos {
            let file = video.primary
            guard let bytes = file.currentBytes else {
                videos[video.sha256] = .missing
                continue
            }
            if embedded + bytes <= embedLimitBytes {
                embedded += bytes
                videos[video.sha256] = .embedded(absolutePath: file.absolutePath, bytes: bytes)
            } else {
                let relative = RelativePath.from(directory: reportDirectory, to: file.absolutePath)
                videos[video.sha256] = .linked(href: RelativePath.urlEncoded(relative))
            }
        }
        return ReportMedia(
            thumbnails: thumbnails, videos: videos, embedLimitBytes: embedLimitBytes, embeddedBytes: embedded)
    }

    /// A thumbnail per image (the first `maxThumbnails`), `concurrency` at a time.
    private func makeThumbnails(_ images: [ImageOutput]) async -> [String: ReportMedia.Thumbnail] {
        var result: [String: ReportMedia.Thumbnail] = [:]
        var work: [(index: Int, path: String)] = []
        for (index, image) in images.enumerated() where result[image.file.absolutePath] == nil {
            if index >= maxThumbnails {
                result[image.file.absolutePath] = .notShown
            } else if !image.file.exists {
                result[image.file.absolutePath] = .missing
            } else {
                result[image.file.absolutePath] = .notShown
                work.append((index, image.file.absolutePath))
            }
        }
        guard !work.isEmpty else { return result }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pipeline-report-\(UUID().uuidString)"
        ).path
        do {
            try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        } catch {
            for item in work {
                result[item.path] = .unreadable(
                    reason: "no scratch folder for thumbnails: \(error.localizedDescription)")
            }
            return result
        }
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let maker = ThumbnailMaker(side: thumbnailSide, scratch: scratch)
        await withTaskGroup(of: (String, ReportMedia.Thumbnail).self) { group in
            var pending = work.makeIterator()
            for _ in 0..<concurrency {
                guard let item = pending.next() else { break }
                group.addTask { Self.thumbnail(item, maker: maker) }
            }
            for await (path, thumbnail) in group {
                result[path] = thumbnail
                if let item = pending.next() { group.addTask { Self.thumbnail(item, maker: maker) } }
            }
        }
        return result
    }

    private static func thumbnail(
        _ item: (index: Int, path: String), maker: ThumbnailMaker
    ) -> (String, ReportMedia.Thumbnail) {
        do {
            return (item.path, .jpeg(try maker.thumbnail(of: item.path, index: item.index)))
        } catch {
            return (item.path, .unreadable(reason: error.description))
        }
    }
}
