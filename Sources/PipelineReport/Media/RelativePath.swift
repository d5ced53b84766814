import PipelineLanguage

/// Relative paths between absolute paths, for links from the report to files beside it.
enum RelativePath {
    /// The path of `target` as seen from the folder `directory` (both absolute), e.g. `../out/a.mp4`.
    static func from(directory: String, to target: String) -> String {
        let base = components(directory)
        let goal = components(target)
        var common = 0
        while common < base.count, common < goal.count - 1, base[common] == goal[common] { common += 1 }
        let ups = Array(repeating: "..", count: base.count - common)
        return (ups + goal[common...]).joined(separator: "/")
    }

    /// A relative path as a URL path: each segment percent-encoded (spaces, `#`, `?`, `:`, `%`…).
    static func urlEncoded(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            var encoded = ""
            for byte in segment.utf8 {
                let scalar = Unicode.Scalar(byte)
                // Unreserved characters only: a `:` could read as a URL scheme, `#` and `?` end the path.
                if ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                    || "-._~".unicodeScalars.contains(scalar)
                {
                    encoded.unicodeScalars.append(scalar)
                } else {
                    encoded += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
                }
            }
            return encoded
        }.joined(separator: "/")
    }

    private static func components(_ path: String) -> [String] {
        (PathText.normalized(path) ?? path).split(separator: "/").map(String.init)
    }
}

extension String {
    /// The string with leading zeros up to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
