import PexSockets

/// The body of a streamed response (server-sent events). Thread-safe: `send` and `finish` may be called
/// from any thread and take effect on the connection's loop, in call order.
public final class HTTPStream: @unchecked Sendable {
    // Strong on purpose: the handler drops its stream when the connection closes, which breaks the cycle.
    private let connection: HTTPConnectionHandler
    let chunked: Bool
    private let lock = Lock()
    private var closed = false
    private var onClose: (@Sendable () -> Void)?

    init(connection: HTTPConnectionHandler, chunked: Bool, onClose: @escaping @Sendable () -> Void) {
        self.connection = connection
        self.chunked = chunked
        self.onClose = onClose
    }

    /// False once the stream ended (finished, client gone, server stopping).
    public var isOpen: Bool { lock.withLock { !closed } }

    /// Queues bytes for the client; dropped silently once the stream has ended.
    public func send(_ bytes: [UInt8]) {
        guard !bytes.isEmpty, isOpen else { return }
        let connection = self.connection
        connection.connection.loop.execute { connection.streamWrite(self, bytes) }
    }

    /// Ends the body (last chunk) and closes the connection once written.
    public func finish() {
        guard isOpen else { return }
        let connection = self.connection
        connection.connection.loop.execute { connection.finishStream(self) }
    }

    /// Marks the stream ended and runs `onClose` (once).
    func markClosed() {
        let callback = lock.withLock { () -> (@Sendable () -> Void)? in
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
