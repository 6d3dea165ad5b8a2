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

/// An open file and the byte range of it to send; the descriptor is closed when the last user lets go.
public final class FileRegion: Sendable {
    public let descriptor: Int32
    public let offset: Int64
    public let count: Int

    public init(descriptor: Int32, offset: Int64, count: Int) {
        self.descriptor = descriptor
        self.offset = offset
        self.count = count
    }

    deinit { _ = systemClose(descriptor) }
}
