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

    /// What no route may see (security.md item 14). pexdev is not a proxy and echoes nothing back, so TRACE and
    /// CONNECT are not implemented for any path (a redirect or a 404 would suggest they are); the asterisk-form
    /// target is only OPTIONS's server-wide question, which pexdev does not answer either.
    static func refusal(for request: HTTPRequest) -> HTTPError? {
        if request.method == "TRACE" || request.method == "CONNECT" {
            return HTTPError(
                .notImplemented, "pexdev does not implement \(request.method): it is not a proxy and echoes no requests"
            )
        }
        if request.target == "*" {
            return request.method == "OPTIONS"
                ? HTTPError(.notImplemented, "OPTIONS * (server-wide options) is not implemented; ask about a path")
                : HTTPError(.badRequest, "the target * is only for OPTIONS")
        }
        return nil
    }
}

/// A permanent redirect to a fixed location (e.g. `/webapp2` → `/webapp2/`), keeping the query string.
public struct RedirectHandler: HTTPResponding {
    public let location: String

    public init(to location: String) { self.location = location }

    public func respond(to request: HTTPRequest) throws(HTTPError) -> HTTPResponse {
        redirect(query: request.query)
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
