import Foundation

/// A fresh folder under the system temporary folder, removed when released.
final class TemporaryDirectory: Sendable {
    let path: String

    init(_ label: String = "store") throws {
        path = NSTemporaryDirectory() + "pipeline-store-tests-\(label)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}
