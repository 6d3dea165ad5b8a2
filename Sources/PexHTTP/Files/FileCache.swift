import PexSockets

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One version of a file, ready to send: small files as bytes (one `writev` with the head), bigger ones as
/// an open descriptor (`sendfile`, no copy through user space), with the response headers pre-rendered.
final class CachedFile: Sendable {
    enum Content: Sendable {
        case bytes([UInt8])
        case file(OpenFile)
    }

    let status: FileStatus
    let content: Content
    let etag: String
    let lastModified: String
    let renderedHeaders: [UInt8]
    /// False while the file's timestamps are too fresh to prove a later write would change them (file systems
    /// stamp with a coarse clock): such an entry is re-read on every request, as git treats "racily clean" files.
    let trusted: Bool

    init(status: FileStatus, content: Content, etag: String, contentType: String, now: Int64) {
        self.status = status
        self.content = content
        self.etag = etag
        lastModified = HTTPDate.format(status.modifiedSeconds)
        renderedHeaders = StaticFileHandler.renderHeaders(
            contentType: contentType, etag: etag, lastModified: lastModified)
        let settle: Int64 = 2_000_000_000
        trusted = now - status.modifiedNanoseconds > settle && now - status.changedNanoseconds > settle
    }

    var size: Int { status.size }

    /// The body for `range` of this file.
    func body(_ range: ClosedRange<Int>? = nil) -> HTTPResponse.Body {
        switch content {
        case .bytes(let bytes):
            guard let range else { return .bytes(bytes) }
            return .bytes(Array(bytes[range]))
        case .file(let file):
            let range = range ?? 0...(size - 1)
            if size == 0 { return .empty }
            return .file(FileRegion(file: file, offset: Int64(range.lowerBound), count: range.count))
        }
    }
}

/// Files by path, each valid only while `stat` reports the very same version (device, inode, size, mtime,
/// ctime). It never answers with bytes of a changed file: a changed file has a changed status, and a file
/// changed within the timestamp granularity is not trusted at all.
final class FileCache: @unchecked Sendable {
    /// Up to this size a file is kept in memory; above it, as an open descriptor for sendfile.
    static let inMemoryLimit = 64 << 10
    /// Up to this size the ETag is a content hash; above it, size/mtime/inode (hashing would cost a full read).
    static let hashLimit = 4 << 20
    static let maximumBytes = 8 << 20
    static let maximumEntries = 512
    private let lock = Lock()
    private var entries: [String: CachedFile] = [:]
    private var bytes = 0

    func lookup(_ path: String, status: FileStatus) -> CachedFile? {
        lock.withLock {
            guard let entry = entries[path], entry.trusted, entry.status == status else { return nil }
            return entry
        }
    }

    func store(_ path: String, _ entry: CachedFile) {
        lock.withLock {
            if let old = entries.removeValue(forKey: path) { bytes -= old.memory }
            if bytes + entry.memory > Self.maximumBytes || entries.count >= Self.maximumEntries {
                // A dev tree rarely exceeds the budget; when it does, starting over is simpler than LRU and cheap.
                entries.removeAll()
                bytes = 0
            }
            entries[path] = entry
            bytes += entry.memory
        }
    }

    /// Reads `size` bytes from the start of an open descriptor; nil if the file ends early.
    static func read(_ descriptor: Int32, size: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: size)
        var offset = 0
        let ok = bytes.withUnsafeMutableBytes { raw -> Bool in
            guard let base = raw.baseAddress else { return size == 0 }
            while offset < size {
                let n = pread(descriptor, base + offset, size - offset, off_t(offset))
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return false }
                offset += n
            }
            return true
        }
        return ok ? bytes : nil
    }

    /// Content hash of a file read in blocks, for files too big to keep in memory.
    static func hash(_ descriptor: Int32, size: Int) -> String? {
        var hasher = EntityTag.Hasher()
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        var offset = 0
        while offset < size {
            let n = buffer.withUnsafeMutableBytes {
                pread(descriptor, $0.baseAddress, min($0.count, size - offset), off_t(offset))
            }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return nil }
            hasher.combine(buffer[0..<n])
            offset += n
        }
        return hasher.tag
    }
}

extension CachedFile {
    /// What the entry costs in memory (descriptors count as nothing here; the entry limit bounds them).
    fileprivate var memory: Int {
        if case .bytes(let bytes) = content { return bytes.count }
        return 0
    }
}
