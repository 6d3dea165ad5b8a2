import PexSockets

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Serves one folder under a URL prefix: GET and HEAD, conditional requests, single ranges, `index.html`
/// for directories, no listings, never a dotfile, never a file whose real path leaves the folder
/// (unless symlinks may be followed). Always `Cache-Control: no-cache`: a dev server must not let the
/// browser reuse stale plugin code, but revalidation with the ETag keeps reloads cheap.
public final class StaticFileHandler: HTTPResponding {
    /// The served folder, absolute and symlink-free.
    public let root: String
    public let mountPath: String
    public let followSymlinks: Bool
    /// Paths without a file extension that match nothing get the root `index.html` (single-page apps).
    public let singlePageFallback: Bool
    /// Named in error messages ("branding tree").
    public let label: String
    private let cache = FileCache()

    /// `root` must exist; it is resolved to its real path once, here.
    public init(
        root: String, mountPath: String, label: String, followSymlinks: Bool = false, singlePageFallback: Bool = false
    ) {
        self.root = FileStatus.realPath(root) ?? root
        self.mountPath = mountPath
        self.label = label
        self.followSymlinks = followSymlinks
        self.singlePageFallback = singlePageFallback
    }

    public func respond(to request: HTTPRequest) throws(HTTPError) -> HTTPResponse {
        let relative = try FileRequest.relativePath(of: request, mountPath: mountPath)
        var segments = try RequestPath.segments(relative)
        var fsPath = path(for: segments)
        var status = FileStatus.of(path: fsPath)

        if status == nil && singlePageFallback && !(segments.last?.contains(".") ?? true) {
            segments = ["index.html"]
            fsPath = path(for: segments)
            status = FileStatus.of(path: fsPath)
        }
        guard var found = status else { throw notFound(segments) }
        if found.isDirectory {
            guard request.path.hasSuffix("/") else {
                return RedirectHandler(to: request.path + "/").redirect(query: request.query)
            }
            segments.append("index.html")
            fsPath = path(for: segments)
            guard let index = FileStatus.of(path: fsPath), index.isRegular else {
                throw HTTPError(
                    .notFound, "\(display(segments.dropLast())) is a folder without index.html (listings are off)")
            }
            found = index
        }
        guard found.isRegular else { throw HTTPError(.notFound, "\(display(segments)) is not a regular file") }
        if let cached = cache.lookup(fsPath, status: found) { return response(for: cached, request) }
        return try load(fsPath, segments: segments, request)
    }

    private func load(_ fsPath: String, segments: [String], _ request: HTTPRequest) throws(HTTPError) -> HTTPResponse {
        try checkContainment(fsPath, segments: segments)
        let descriptor = open(fsPath, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw openFailure(errno, segments) }
        let file = OpenFile(descriptor: descriptor)
        guard var status = FileStatus.of(descriptor: descriptor), status.isRegular else { throw notFound(segments) }
        let content: CachedFile.Content
        let etag: String
        if status.size <= FileCache.inMemoryLimit {
            // An editor saving in place truncates, then writes: a read in between finds fewer bytes than the size
            // it was told. Look again a few times (the write is usually done by then) before calling it busy.
            var bytes = FileCache.read(descriptor, size: status.size)
            for _ in 0..<3 where bytes == nil {
                guard let again = FileStatus.of(descriptor: descriptor), again.size <= FileCache.inMemoryLimit else {
                    break
                }
                status = again
                bytes = FileCache.read(descriptor, size: status.size)
            }
            guard let bytes else { throw changedWhileReading(segments) }
            content = .bytes(bytes)
            etag = EntityTag.of(bytes)
        } else {
            content = .file(file)
            if status.size <= FileCache.hashLimit {
                guard let hash = FileCache.hash(descriptor, size: status.size) else {
                    throw changedWhileReading(segments)
                }
                etag = hash
            } else {
                etag = EntityTag.of(status)
            }
        }
        let entry = CachedFile(
            status: status, content: content, etag: etag, contentType: MediaType.forFileName(segments.last ?? ""),
            now: FileStatus.wallClockNanoseconds())
        cache.store(fsPath, entry)
        return response(for: entry, request)
    }

    /// Why `open` failed, as the client should hear it: the file exists (stat just found it), so running out of
    /// descriptors is the server being busy (503, retry), not a missing file.
    private func openFailure(_ code: Int32, _ segments: [String]) -> HTTPError {
        switch code {
        case EACCES: return HTTPError(.forbidden, "\(display(segments)) is not readable (permission denied)")
        case EMFILE, ENFILE:
            return HTTPError(
                .serviceUnavailable,
                "pexdev is out of file descriptors and cannot open \(display(segments)); retry shortly",
                headers: [("Retry-After", "1")])
        default: return notFound(segments)
        }
    }

    /// Being written right now is a passing state of the file, not a fault of the server: 503 with a retry.
    private func changedWhileReading(_ segments: [String]) -> HTTPError {
        HTTPError(
            .serviceUnavailable, "\(display(segments)) changed while it was being read (an editor saving it?); retry",
            headers: [("Retry-After", "1")])
    }

    /// Refuses files reached through a symlink that leaves the root (security.md item 18), and dotfiles a
    /// symlink inside the tree points at.
    private func checkContainment(_ fsPath: String, segments: [String]) throws(HTTPError) {
        guard !followSymlinks else { return }
        guard let real = FileStatus.realPath(fsPath) else { throw notFound(segments) }
        guard real.hasPrefix(root + "/") else {
            throw HTTPError(
                .forbidden,
                "\(display(segments)) is a symlink to a file outside the \(label); pexdev does not follow such links, "
                    + "so that a link cannot expose files like ~/.ssh. Start pexdev with --follow-symlinks to allow it")
        }
        if real.dropFirst(root.count + 1).split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
            throw HTTPError(.notFound, "\(display(segments)) leads to a dotfile, which is never served")
        }
    }

    private func response(for entry: CachedFile, _ request: HTTPRequest) -> HTTPResponse {
        var response = HTTPResponse(status: .ok, body: .empty)
        response.renderedHeaders = entry.renderedHeaders
        if isNotModified(request, etag: entry.etag, modifiedSeconds: entry.status.modifiedSeconds) {
            response.status = .notModified
            return response
        }
        switch effectiveRange(request, etag: entry.etag, lastModified: entry.lastModified, size: entry.size) {
        case .whole:
            response.body = entry.body()
        case .partial(let range):
            response.status = .partialContent
            response.headers.add("Content-Range", "bytes \(range.lowerBound)-\(range.upperBound)/\(entry.size)")
            response.body = entry.body(range)
        case .unsatisfiable:
            var error = HTTPError(
                .rangeNotSatisfiable, "the requested range starts beyond the end of the file (\(entry.size) bytes)")
            error.headers.append(("Content-Range", "bytes */\(entry.size)"))
            return error.response
        }
        return response
    }

    private func isNotModified(_ request: HTTPRequest, etag: String, modifiedSeconds: Int) -> Bool {
        if let tags = request.headers["If-None-Match"] { return EntityTag.noneMatchHits(tags, etag: etag) }
        if let since = request.headers["If-Modified-Since"], let date = HTTPDate.parse(since) {
            return modifiedSeconds <= date
        }
        return false
    }

    private func effectiveRange(_ request: HTTPRequest, etag: String, lastModified: String, size: Int) -> ByteRange {
        guard request.method == "GET", let header = request.headers["Range"] else { return .whole }
        // If-Range: the partial answer only if the client's copy is still this version.
        if let ifRange = request.headers["If-Range"], ifRange != etag && ifRange != lastModified { return .whole }
        return ByteRange.resolve(header, size: size)
    }

    private func path(for segments: [String]) -> String {
        segments.isEmpty ? root : root + "/" + segments.joined(separator: "/")
    }

    private func display<S: Collection>(_ segments: S) -> String where S.Element == String {
        segments.isEmpty ? "/" : segments.joined(separator: "/")
    }

    private func notFound(_ segments: [String]) -> HTTPError {
        HTTPError(.notFound, "\(display(segments)) does not exist in the \(label)")
    }

    static func renderHeaders(contentType: String, etag: String, lastModified: String) -> [UInt8] {
        Array(
            ("\r\nContent-Type: \(contentType)\r\nETag: \(etag)\r\nLast-Modified: \(lastModified)"
                + "\r\nCache-Control: no-cache\r\nAccept-Ranges: bytes\r\nX-Content-Type-Options: nosniff").utf8)
    }
}
