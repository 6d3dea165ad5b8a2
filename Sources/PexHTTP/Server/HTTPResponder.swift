/// The one-shot reply slot for a request. `send` may be called from any thread; the response is written on
/// the connection's loop, after any earlier pipelined response.
public final class HTTPResponder: @unchecked Sendable {
    private let connection: HTTPConnectionHandler
    let isHead: Bool
    let keepAlive: Bool
    let method: String
    let target: String
    let startedAt: UInt64

    init(connection: HTTPConnectionHandler, request: HTTPRequest, startedAt: UInt64) {
        self.connection = connection
        self.isHead = request.isHead
        self.keepAlive = request.keepAlive
        self.method = request.method
        self.target = request.target
        self.startedAt = startedAt
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
}
