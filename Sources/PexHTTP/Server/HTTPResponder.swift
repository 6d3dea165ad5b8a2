import PexSockets

/// The one-shot reply slot for a request. `send` may be called from any thread; the response is written on
/// the connection's loop, after any earlier pipelined response.
public final class HTTPResponder: @unchecked Sendable {
    private let connection: HTTPConnectionHandler
    let isHead: Bool
    let keepAlive: Bool
    let method: String
    let target: String
    let startedAt: UInt64
    let minorVersion: Int
    /// Headers every response through this responder carries (`HeaderAddingHandler`); set before a handler
    /// answers, read when it does.
    private(set) var extraHeaders: [(name: String, value: String)] = []
    /// False when the handler logs the request itself (the proxy's line has the node's timing).
    private(set) var accessLogged = true
    private let cancellation = Lock()
    private var cancelled = false
    private var cancelHandler: (@Sendable () -> Void)?

    init(connection: HTTPConnectionHandler, request: HTTPRequest, startedAt: UInt64) {
        self.connection = connection
        self.isHead = request.isHead
        self.keepAlive = request.keepAlive
        self.method = request.method
        self.target = request.target
        self.startedAt = startedAt
        self.minorVersion = request.minorVersion
    }

    /// Runs `handler` once if the client goes away before the answer is written (it closed or stopped sending),
    /// so long work on its behalf (a proxied request) can be abandoned; at once if it already went. Any thread.
    public func onCancel(_ handler: @escaping @Sendable () -> Void) {
        let runNow = cancellation.withLock { () -> Bool in
            if cancelled { return true }
            cancelHandler = handler
            return false
        }
        if runNow { handler() }
    }

    /// Leaves this request out of the server's access log; call before answering.
    public func omitFromAccessLog() {
        accessLogged = false
    }

    func cancel() {
        let handler = cancellation.withLock { () -> (@Sendable () -> Void)? in
            if cancelled { return nil }
            cancelled = true
            defer { cancelHandler = nil }
            return cancelHandler
        }
        handler?()
    }

    /// The client's numeric address, looked up on first use (only the proxy needs it, for `X-Forwarded-For`).
    /// Read it in `handle`, on the connection's loop.
    public var remoteAddress: String? { connection.connection.peerAddress }

    /// Adds a header to whatever response is sent later (unless the handler set that header itself).
    public func addHeader(_ name: String, _ value: String) {
        extraHeaders.append((name, value))
    }

    func withExtraHeaders(_ response: HTTPResponse) -> HTTPResponse {
        guard !extraHeaders.isEmpty else { return response }
        var response = response
        let own = Set(extraHeaders.map(\.name).filter { response.headers.contains($0) })
        for (name, value) in extraHeaders where !own.contains(name) { response.headers.add(name, value) }
        return response
    }

    /// Only the first call counts: the connection ignores a responder that is no longer in flight.
    public func send(_ response: HTTPResponse) {
        let response = withExtraHeaders(response)
        let connection = self.connection
        if connection.connection.loop.inEventLoop {
            connection.complete(self, with: response)
        } else {
            connection.connection.loop.execute { connection.complete(self, with: response) }
        }
    }

    /// Answers with a long-lived body written piece by piece (server-sent events): `head`'s status and
    /// headers go out now, chunked for HTTP/1.1 (close-delimited for 1.0), and the returned stream takes the
    /// body. Its `onClose` runs once when the stream ends for any reason, the client going away included.
    /// Instead of `send`; callable from any thread.
    public func startStream(_ head: HTTPResponse, onClose: @escaping @Sendable () -> Void = {}) -> HTTPStream {
        let head = withExtraHeaders(head)
        let stream = HTTPStream(connection: connection, chunked: minorVersion >= 1, onClose: onClose)
        let connection = self.connection
        if connection.connection.loop.inEventLoop {
            connection.beginStream(self, head: head, stream: stream)
        } else {
            connection.connection.loop.execute { connection.beginStream(self, head: head, stream: stream) }
        }
        return stream
    }
}
