/// Dispatches on the raw request path: exact routes first, then the longest matching prefix.
/// Later issues add `/__pexdev/…` and `/api/client/…` here.
public struct Router: HTTPHandler {
    private var exact: [String: any HTTPHandler] = [:]
    private var prefixes: [(prefix: String, handler: any HTTPHandler)] = []

    public init() {}

    /// Routes one path exactly (no prefix matching).
    public mutating func add(exactly path: String, _ handler: any HTTPHandler) {
        exact[path] = handler
    }

    /// Routes every path starting with `prefix`.
    public mutating func add(prefix: String, _ handler: any HTTPHandler) {
        prefixes.append((prefix, handler))
        prefixes.sort { $0.prefix.utf8.count > $1.prefix.utf8.count }
    }

    public func handler(for path: String) -> (any HTTPHandler)? {
        if let handler = exact[path] { return handler }
        for route in prefixes where path.hasPrefix(route.prefix) { return route.handler }
        return nil
    }

    public func handle(_ request: HTTPRequest, responder: HTTPResponder) {
        if let refusal = Self.refusal(for: request) {
            responder.send(refusal.response)
        } else if let handler = handler(for: request.path) {
            handler.handle(request, responder: responder)
        } else {
            responder.send(HTTPError(.notFound, "nothing is served at \(request.path)").response)
        }
    }

    /// Targets no route may see (security.md items 14 and 15). pexdev serves paths and is not a proxy, so the
    /// asterisk-form (`OPTIONS *`) and the authority-form (`CONNECT host:port`) get 400, as nginx answers them,
    /// rather than a 404 that suggests they were looked up. The absolute-form is taken as a path, which nothing
    /// serves. Methods on paths are each route's business (405 with its `Allow`).
    static func refusal(for request: HTTPRequest) -> HTTPError? {
        let target = request.target
        if target.hasPrefix("/") || target.hasPrefix("http://") || target.hasPrefix("https://") { return nil }
        return HTTPError(
            .badRequest, "pexdev serves paths (/…) and is not a proxy: it does not answer \(request.method) \(target)")
    }
}

/// A permanent redirect to a fixed location (e.g. `/webapp2` → `/webapp2/`), keeping the query string.
public struct RedirectHandler: HTTPResponding {
    public let location: String

    public init(to location: String) { self.location = location }

    /// Redirects GET and HEAD; anything else gets 405 (a redirect would suggest TRACE or POST is served here).
    public func respond(to request: HTTPRequest) throws(HTTPError) -> HTTPResponse {
        guard request.method == "GET" || request.method == "HEAD" else {
            throw HTTPError(
                .methodNotAllowed, "\(request.path) only redirects to \(location) (GET, HEAD)",
                headers: [("Allow", "GET, HEAD")])
        }
        return redirect(query: request.query)
    }
}

extension RedirectHandler {
    /// The 301 response, keeping the query string.
    func redirect(query: String?) -> HTTPResponse {
        var response = HTTPResponse(status: .movedPermanently, body: Array("Moved to \(location)\n".utf8))
        response.headers.add("Location", query.map { "\(location)?\($0)" } ?? location)
        response.headers.add("Content-Type", "text/plain; charset=utf-8")
        return response
    }
}
