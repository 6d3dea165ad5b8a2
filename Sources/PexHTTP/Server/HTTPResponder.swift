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

    init(connection: HTTPConnectionHandler, request: HTTPRequest, startedAt: UInt64) {
        self.connection = connection
        self.isHead = request.isHead
        self.keepAlive = request.keepAlive
        self.method = request.method
        self.target = request.target
        self.startedAt = startedAt
        self.minorVersion = request.minorVersion
    }

    /// Only the first call counts: the connection ignores a responder that is no longer in flight.
    public func send(_ response: HTTPResponse) {
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
