public import PexSockets

/// The body of a streamed response (server-sent events). Thread-safe: `send` and `finish` may be called
/// from any thread and take effect on the connection's loop, in call order.
public final class HTTPStream: @unchecked Sendable {
    // Strong on purpose: the handler drops its stream when the connection closes, which breaks the cycle.
    private let connection: HTTPConnectionHandler
    let chunked: Bool
    private let state = Condition()
    private var closed = false
    private var onClose: (@Sendable () -> Void)?
    /// Bytes handed to `send` that the loop has not yet taken, and what the connection still had queued when it
    /// last took some: together, how far the client is behind.
    private var submitted = 0
    private var backlog = 0

    init(connection: HTTPConnectionHandler, chunked: Bool, onClose: @escaping @Sendable () -> Void) {
        self.connection = connection
        self.chunked = chunked
        self.onClose = onClose
    }

    /// False once the stream ended (finished, client gone, server stopping).
    public var isOpen: Bool { state.withLock { !closed } }

    /// Queues bytes for the client; dropped silently once the stream has ended.
    public func send(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        let open = state.withLock { () -> Bool in
            if !closed { submitted += bytes.count }
            return !closed
        }
        guard open else { return }
        let connection = self.connection
        connection.connection.loop.execute { connection.streamWrite(self, bytes) }
    }

    /// Blocks the calling thread (never the loop) until less than `limit` bytes wait for the client, the stream
    /// ends, or `deadline` passes: a producer copying a large body (the proxy) keeps pace with the client instead
    /// of queueing the whole body in memory. True if there is room and the stream is still open.
    public func waitForRoom(below limit: Int, deadline: Deadline) -> Bool {
        _ = state.wait(until: { closed || submitted + backlog < limit }, deadline: deadline)
        return state.withLock { !closed && submitted + backlog < limit }
    }

    /// Loop side: `count` submitted bytes were taken, and the connection has `backlog` bytes queued.
    func noteWritten(_ count: Int, backlog: Int) {
        state.update {
            submitted -= count
            self.backlog = backlog
        }
    }

    /// Ends the stream without the final chunk and closes the connection, so the client sees an incomplete body
    /// (the upstream broke off) rather than a complete one.
    public func abort() {
        guard isOpen else { return }
        let connection = self.connection
        connection.connection.loop.execute { connection.abortStream(self) }
    }

    /// Ends the body (last chunk) and closes the connection once written.
    public func finish() {
        guard isOpen else { return }
        let connection = self.connection
        connection.connection.loop.execute { connection.finishStream(self) }
    }

    /// Marks the stream ended and runs `onClose` (once).
    func markClosed() {
        let callback = state.update { () -> (@Sendable () -> Void)? in
            if closed { return nil }
            closed = true
            defer { onClose = nil }
            return onClose
        }
        callback?()
    }

    /// The chunk framing around one piece of the body.
    func framed(_ bytes: [UInt8]) -> [OutputChunk] {
        guard chunked else { return [.bytes(bytes)] }
        return [.bytes(Array((String(bytes.count, radix: 16) + "\r\n").utf8)), .bytes(bytes), .bytes([0x0D, 0x0A])]
    }
}
