/// What every file handler checks first: a read-only method, and a path under its mount point.
enum FileRequest {
    /// The path below `mountPath`, still percent-encoded; or the 405/404 to send.
    static func relativePath(of request: HTTPRequest, mountPath: String) throws(HTTPError) -> Substring {
        guard request.method == "GET" || request.method == "HEAD" else {
            throw HTTPError(
                .methodNotAllowed, "\(request.method) is not allowed here; files are read-only (GET, HEAD)",
                headers: [("Allow", "GET, HEAD")])
        }
        guard request.path.hasPrefix(mountPath) else {
            throw HTTPError(.notFound, "nothing is served at \(request.path)")
        }
        return request.path.dropFirst(mountPath.count)
    }
}
