/// Answers requests. Call `responder.send` exactly once, now or later from any thread.
public protocol HTTPHandler: Sendable {
    func handle(_ request: HTTPRequest, responder: HTTPResponder)
}

/// A handler that answers synchronously; a thrown `HTTPError` becomes its response.
public protocol HTTPResponding: HTTPHandler {
    func respond(to request: HTTPRequest) throws(HTTPError) -> HTTPResponse
}

extension HTTPResponding {
    public func handle(_ request: HTTPRequest, responder: HTTPResponder) {
        do {
            responder.send(try respond(to: request))
        } catch {
            responder.send(error.response)
        }
    }
}

/// A handler made from a closure, for small routes and tests.
public struct ClosureHandler: HTTPResponding {
    private let body: @Sendable (HTTPRequest) throws(HTTPError) -> HTTPResponse

    public init(_ body: @escaping @Sendable (HTTPRequest) throws(HTTPError) -> HTTPResponse) {
        self.body = body
    }

    public func respond(to request: HTTPRequest) throws(HTTPError) -> HTTPResponse {
        try body(request)
    }
}
