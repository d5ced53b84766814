import Foundation

extension HTMLReportWriter {
    /// Thumbnails of the resized images.
    func emitImages(_ out: HTMLOutput) {
        out.write("<section id=\"images\">\n<h2>Resized images</h2>\n")
        guard !report.images.isEmpty else {
            out.write("<p class=\"muted\">No resized image in this run.</p>\n</section>\n")
            return
        }
        let hidden = report.images.filter { media.thumbnails[$0.file.absolutePath] == .notShown }.count
        out.write("<div class=\"grid images\">\n")
        for image in report.images {
            let thumbnail = media.thumbnails[image.file.absolutePath] ?? .notShown
            if thumbnail == .notShown { continue }
            let caption =
                "<figcaption><code>\(HTMLText.escape(image.file.path))</code>\(stateNote(image.file))</figcaption>"
            let task = HTMLText.escape(image.taskID)
            switch thumbnail {
            case .jpeg(let data):
                out.write(
                    "<figure class=\"thumbnail\" data-task=\"\(task)\"><img alt=\"\(HTMLText.escape(image.file.path))\" title=\"\(task)\" src=\"data:image/jpeg;base64,"
                )
                out.write(data.base64EncodedString())
                out.write("\">\(caption)</figure>\n")
            case .missing:
                out.write(
                    "<figure class=\"thumbnail missing\" data-task=\"\(task)\"><div class=\"placeholder\">missing</div>\(caption)</figure>\n"
                )
            case .unreadable(let reason):
                out.write(
                    "<figure class=\"thumbnail unreadable\" data-task=\"\(task)\"><div class=\"placeholder\" title=\"\(HTMLText.escape(reason))\">unreadable</div>\(caption)</figure>\n"
                )
            case .notShown:
                break
            }
        }
        out.write("</div>\n")
        if hidden > 0 {
            out.write("<p class=\"muted\">\(ReportFormat.count(hidden, "more image")) not shown.</p>\n")
        }
        out.write("</section>\n")
    }

    /// The videos: embedded while under the limit, then linked; missing ones said so.
    func emitVideos(_ out: HTMLOutput) {
        out.write("<section id=\"videos\">\n<h2>Videos</h2>\n")
        guard !report.videos.isEmpty else {
            out.write("<p class=\"muted\">No video in this run.</p>\n</section>\n")
            return
        }
        let limit = ReportFormat.bytes(media.embedLimitBytes)
        var summary =
            "\(ReportFormat.count(media.embeddedCount, "video")) embedded (\(ReportFormat.bytes(media.embeddedBytes)) of the \(limit) embed limit)"
        let missing = report.videos.filter { media.videos[$0.sha256] == nil || media.videos[$0.sha256] == .missing }
            .count
        if missing > 0 { summary += ", \(missing) missing" }
        out.write("<p class=\"muted video-summary\">\(summary).</p>\n")
        if media.linkedCount > 0 {
            out.write(
                """
                <p class="linked-note">\(ReportFormat.count(media.linkedCount, "video")) would pass the embed limit of \(limit) \
                (<code>--embed-limit-mb</code>): linked by a path relative to this page, so they play only while the page \
                stays beside the output files.</p>

                """)
        }
        out.write("<div class=\"grid videos\">\n")
        for video in report.videos {
            let file = video.primary
            let others = video.files.filter { $0.absolutePath != file.absolutePath }.map {
                "<code>\(HTMLText.escape($0.path))</code>"
            }
            let also = others.isEmpty ? "" : " · also at " + others.joined(separator: ", ")
            let tasks = HTMLText.escape(video.taskIDs.joined(separator: ", "))
            let size = file.currentBytes.map { " · " + ReportFormat.bytes($0) } ?? ""
            let caption =
                "<figcaption><code>\(HTMLText.escape(file.path))</code>\(size)\(also)\(stateNote(file))</figcaption>"
            switch media.videos[video.sha256] ?? .missing {
            case .embedded(let path, _):
                guard let handle = FileHandle(forReadingAtPath: path) else {
                    out.write(missingVideo(caption, tasks: tasks))
                    continue
                }
                out.write(
                    "<figure class=\"video\" data-source=\"embedded\" title=\"\(tasks)\"><video controls preload=\"metadata\" src=\"data:video/mp4;base64,"
                )
                Self.writeBase64(of: handle, to: out)
                try? handle.close()
                out.write("\"></video>\(caption)</figure>\n")
            case .linked(let href):
                out.write(
                    """
                    <figure class="video" data-source="linked" title="\(tasks)"><video controls preload="metadata" src="\(HTMLText.escape(href))"></video>\
                    \(caption.replacingOccurrences(of: "</figcaption>", with: " · <span class=\"linked-note\">linked, not embedded</span></figcaption>"))</figure>

                    """)
            case .missing:
                out.write(missingVideo(caption, tasks: tasks))
            }
        }
        out.write("</div>\n</section>\n")
    }

    private func missingVideo(_ caption: String, tasks: String) -> String {
        "<figure class=\"video missing\" data-source=\"missing\" title=\"\(tasks)\"><div class=\"placeholder\">missing</div>\(caption)</figure>\n"
    }

    /// ` · deleted since the run` and the like, for a file that is not as the run left it.
    private func stateNote(_ file: MediaFile) -> String {
        switch file.state {
        case .present: ""
        case .changed: " · <span class=\"linked-note\">changed since the run</span>"
        case .missing: " · <span class=\"linked-note\">missing: deleted or moved since the run</span>"
        }
    }

    /// Streams a file as base64 in chunks; each piece encoded is a multiple of 3 bytes (the rest is
    /// carried over), so the pieces join up into one valid encoding.
    private static func writeBase64(of handle: FileHandle, to out: HTMLOutput) {
        var carried = Data()
        while true {
            let read: Data
            do {
                read = try handle.read(upToCount: 3 * 256 * 1024) ?? Data()
            } catch {
                break
            }
            if read.isEmpty { break }
            carried.append(read)
            let whole = carried.count - carried.count % 3
            out.write(carried.prefix(whole).base64EncodedString())
            carried = Data(carried.dropFirst(whole))
        }
        if !carried.isEmpty { out.write(carried.base64EncodedString()) }
    }
}
