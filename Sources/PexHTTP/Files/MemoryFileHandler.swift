/// Serves a fixed set of files held in memory (the browser shell compiled into the binary) with the same
/// rules as `StaticFileHandler`: GET/HEAD only, canonical paths, `index.html` for folders, ETag/304, and an
/// optional single-page fallback for extension-less paths.
public struct MemoryFileHandler: HTTPResponding {
    private struct Entry: Sendable {
        var bytes: [UInt8]
        var contentType: String
        var etag: String
    }

    public let mountPath: String
    public let singlePageFallback: Bool
    private let files: [String: Entry]

    /// `files` maps paths relative to the mount (`index.html`, `js/main.js`) to their contents.
    public init(files: [String: [UInt8]], mountPath: String, singlePageFallback: Bool = false) {
        var entries: [String: Entry] = [:]
        for (path, bytes) in files {
            entries[path] = Entry(bytes: bytes, contentType: MediaType.forFileName(path), etag: EntityTag.of(bytes))
        }
        self.files = entries
        self.mountPath = mountPath
        self.singlePageFallback = singlePageFallback
    }

    public func respond(to request: HTTPRequest) throws(HTTPError) -> HTTPResponse {
        let segments = try RequestPath.segments(try FileRequest.relativePath(of: request, mountPath: mountPath))
        var key = segments.joined(separator: "/")
        if key.isEmpty { key = "index.html" }
        if files[key] == nil, files[key + "/index.html"] != nil {
            guard request.path.hasSuffix("/") else {
                return RedirectHandler(to: request.path + "/").redirect(query: request.query)
            }
            key += "/index.html"
        }
        if files[key] == nil, singlePageFallback, !(segments.last?.contains(".") ?? true) { key = "index.html" }
        guard let entry = files[key] else {
            throw HTTPError(.notFound, "no file \(segments.joined(separator: "/")) in pexdev's shell")
        }
        var response = HTTPResponse()
        response.headers.add("Content-Type", entry.contentType)
        response.headers.add("Cache-Control", "no-cache")
        response.headers.add("ETag", entry.etag)
        if let condition = request.headers["If-None-Match"], EntityTag.noneMatchHits(condition, etag: entry.etag) {
            response.status = .notModified
            return response
        }
        response.body = .bytes(entry.bytes)
        return response
    }
}
