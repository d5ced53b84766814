/// URLs as they may appear in errors and logs: without query strings (presigned URLs carry
/// signatures there).
enum URLRedaction {
    static func redact(_ url: String) -> String {
        guard let index = url.firstIndex(of: "?") else { return url }
        return String(url[..<index]) + "?…"
    }
}
