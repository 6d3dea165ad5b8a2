import PexSockets

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One version of a file held in memory, with its response headers pre-rendered.
final class CachedFile: Sendable {
    let status: FileStatus
    let bytes: [UInt8]
    let etag: String
    let lastModified: String
    let renderedHeaders: [UInt8]
    /// False while the file's timestamps are too fresh to prove a later write would change them (file systems
    /// stamp with a coarse clock): such an entry is re-read on every request, as git treats "racily clean" files.
    let trusted: Bool

    init(status: FileStatus, bytes: [UInt8], contentType: String, now: Int64) {
        self.status = status
        self.bytes = bytes
        etag = EntityTag.of(bytes)
        lastModified = HTTPDate.format(status.modifiedSeconds)
        renderedHeaders = StaticFileHandler.renderHeaders(
            contentType: contentType, etag: etag, lastModified: lastModified)
        let settle: Int64 = 2_000_000_000
        trusted = now - status.modifiedNanoseconds > settle && now - status.changedNanoseconds > settle
    }
}

/// Small files by path, each valid only while `stat` reports the very same version (device, inode, size,
/// mtime, ctime). It never answers with bytes of a changed file: a changed file has a changed status, and a
/// file changed within the timestamp granularity is not trusted at all.
final class FileCache: @unchecked Sendable {
    static let maximumFileSize = 1 << 20
    static let maximumTotal = 8 << 20
    private let lock = Lock()
    private var entries: [String: CachedFile] = [:]
    private var total = 0

    func lookup(_ path: String, status: FileStatus) -> CachedFile? {
        lock.withLock {
            guard let entry = entries[path], entry.trusted, entry.status == status else { return nil }
            return entry
        }
    }

    func store(_ path: String, _ entry: CachedFile) {
        lock.withLock {
            if let old = entries[path] { total -= old.bytes.count }
            if total + entry.bytes.count > Self.maximumTotal {
                // A dev tree rarely exceeds the budget; when it does, starting over is simpler than LRU and cheap.
                entries.removeAll()
                total = 0
            }
            entries[path] = entry
            total += entry.bytes.count
        }
    }

    /// Reads a whole (small) file from an open descriptor.
    static func readAll(_ descriptor: Int32, size: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: size)
        var offset = 0
        let ok = bytes.withUnsafeMutableBytes { raw -> Bool in
            guard let base = raw.baseAddress else { return size == 0 }
            while offset < size {
                let n = read(descriptor, base + offset, size - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return false }
                offset += n
            }
            return true
        }
        return ok ? bytes : nil
    }
}
