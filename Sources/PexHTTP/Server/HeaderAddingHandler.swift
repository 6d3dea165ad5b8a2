/// Adds fixed headers to every response of the handler it wraps (e.g. Content-Security-Policy on the
/// shell and the branding files), errors and 304s included; a header the handler sets itself wins.
public struct HeaderAddingHandler: HTTPHandler {
    public let inner: any HTTPHandler
    public let headers: [(name: String, value: String)]

    public init(_ inner: any HTTPHandler, headers: [(name: String, value: String)]) {
        self.inner = inner
        self.headers = headers
    }

    public func handle(_ request: HTTPRequest, responder: HTTPResponder) {
        for (name, value) in headers { responder.addHeader(name, value) }
        inner.handle(request, responder: responder)
    }
}
