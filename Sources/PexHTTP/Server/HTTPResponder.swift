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
    private var sent = false
    private let lock = Lock()

    init(connection: HTTPConnectionHandler, request: HTTPRequest, startedAt: UInt64) {
        self.connection = connection
        self.isHead = request.isHead
        self.keepAlive = request.keepAlive
        self.method = request.method
        self.target = request.target
        self.startedAt = startedAt
    }

    public func send(_ response: HTTPResponse) {
        let first = lock.withLock { () -> Bool in
            defer { sent = true }
            return !sent
        }
        guard first else { return }
        let connection = self.connection
        if connection.connection.loop.inEventLoop {
            connection.complete(self, with: response)
        } else {
            connection.connection.loop.execute { connection.complete(self, with: response) }
        }
    }
}
