import CVipsShim

/// Turns the shim's status codes and libvips' error text into `ImagingError`s.
enum VipsStatus {
    /// Size of the buffer the shim copies libvips' error text into.
    static let errorCapacity = 1024

    /// Runs `body` with a zeroed error buffer and returns its status and the tidied error text.
    static func call(_ body: (UnsafeMutablePointer<CChar>, Int) -> Int32) -> (status: Int32, message: String) {
        var buffer = [CChar](repeating: 0, count: errorCapacity)
        let status = buffer.withUnsafeMutableBufferPointer { pointer in
            // The buffer is never empty, so baseAddress is non-nil.
            body(pointer.baseAddress.unsafelyUnwrapped, pointer.count)
        }
        let text = buffer.withUnsafeBufferPointer { pointer in
            String(decoding: pointer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        return (status, tidy(text))
    }

    /// The error for a failed read of `path`.
    static func readError(_ status: Int32, _ message: String, path: String) -> ImagingError {
        switch status {
        case Int32(PL_NOT_AN_IMAGE.rawValue):
            return .unreadable(path: path, reason: "it is not an image libvips can read (\(message))")
        case Int32(PL_LOAD_FAILED.rawValue):
            return .unreadable(path: path, reason: "the image header is corrupt or unsupported (\(message))")
        case Int32(PL_DECODE_FAILED.rawValue):
            return .unreadable(path: path, reason: "the image data is corrupt or truncated (\(message))")
        case Int32(PL_TOO_LARGE.rawValue):
            return .invalidRequest("\(path): \(message)")
        case Int32(PL_INIT_FAILED.rawValue):
            return .libraryUnavailable(message)
        default:
            return .unreadable(path: path, reason: message)
        }
    }

    /// libvips' text is one line per error, each ending in a newline: join them with "; ".
    private static func tidy(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: " \t") }
            .filter { !$0.isEmpty }
            .joined(separator: "; ")
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var slice = self[...]
        while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
