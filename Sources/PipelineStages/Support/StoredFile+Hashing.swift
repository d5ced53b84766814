import Foundation
import PipelineLanguage
import PipelineStore

extension StoredFile {
    /// Hashes a file on disk (streamed) and records it relative to the pipeline file's folder.
    static func hashing(absolutePath: String, relativePath: String) throws -> StoredFile {
        let attributes = try FileManager.default.attributesOfItem(atPath: absolutePath)
        let bytes = (attributes[.size] as? NSNumber)?.int64Value ?? 0
        return StoredFile(path: relativePath, sha256: try FileDigester().sha256(ofFileAt: absolutePath), bytes: bytes)
    }
}
