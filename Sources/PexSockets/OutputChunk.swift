/// A piece of a connection's outgoing byte stream: bytes in memory, or a region of an open file.
public enum OutputChunk: Sendable {
    case bytes([UInt8])
    case file(FileRegion)

    var count: Int {
        switch self {
        case .bytes(let bytes): return bytes.count
        case .file(let region): return region.count
        }
    }
}

/// An open file descriptor, closed when the last user lets go. sendfile takes an explicit offset, so one
/// descriptor can serve any number of concurrent responses.
public final class OpenFile: Sendable {
    public let descriptor: Int32

    public init(descriptor: Int32) { self.descriptor = descriptor }

    deinit { _ = systemClose(descriptor) }
}

/// A byte range of an open file to send.
public struct FileRegion: Sendable {
    public let file: OpenFile
    public let offset: Int64
    public let count: Int

    public init(file: OpenFile, offset: Int64, count: Int) {
        self.file = file
        self.offset = offset
        self.count = count
    }
}
