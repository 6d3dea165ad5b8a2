/// Feeds `ZipWriter` into an open file in 256 KiB writes.
struct ZipFileOutput: ZipOutput {
    let descriptor: Int32
    /// For messages.
    let path: String
    private var buffer: [UInt8] = []
    private static let chunk = 256 << 10

    init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
        buffer.reserveCapacity(Self.chunk)
    }

    mutating func write(_ bytes: [UInt8]) throws(ZipError) {
        buffer += bytes
        if buffer.count >= Self.chunk { try flush() }
    }

    mutating func flush() throws(ZipError) {
        do {
            try AtomicFile.writeAll(buffer, to: descriptor, path: path)
        } catch {
            throw ZipError(.fileSystem, error.message)
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
