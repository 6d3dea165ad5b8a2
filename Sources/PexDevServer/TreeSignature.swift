import Foundation
import PexHTTP

/// A cheap fingerprint of a folder: every path with its status (size, times, inode). Equal signatures mean
/// nothing was added, removed, renamed or written. Used to poll for changes until the file watcher lands.
struct TreeSignature: Equatable {
    private var entries: [String: FileStatus] = [:]

    static func of(_ root: String) -> TreeSignature {
        var signature = TreeSignature()
        guard let walker = FileManager.default.enumerator(atPath: root) else { return signature }
        while let relative = walker.nextObject() as? String {
            signature.entries[relative] = FileStatus.of(path: root + "/" + relative)
        }
        return signature
    }
}
