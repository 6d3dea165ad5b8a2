/// A blocking TCP client for one short exchange (`pexdev health`): connect, send, read to EOF, all within one
/// deadline, so a hung server makes the caller fail fast instead of waiting on the kernel's minutes-long timeouts.
public final class ClientSocket {
    private let socket: StreamSocket
    private let deadline: Deadline

    private init(socket: StreamSocket, deadline: Deadline) {
        self.socket = socket
        self.deadline = deadline
    }

    /// Connects to the first address of `host` (a literal or a name) that accepts within `timeoutMilliseconds`,
    /// which also bounds everything done later on the connection.
    public static func connect(host: String, port: Int, timeoutMilliseconds: Int) throws(SocketError) -> ClientSocket {
        let deadline = Deadline(milliseconds: timeoutMilliseconds)
        return ClientSocket(
            socket: try StreamSocket.connect(host: host, port: port, deadline: deadline), deadline: deadline)
    }

    /// Sends all of `bytes`.
    public func send(_ bytes: [UInt8]) throws(SocketError) {
        try socket.sendAll(bytes, deadline: deadline, what: "chance to send the request")
    }

    /// Reads until the peer closes, keeping at most `limit` bytes (a reply larger than that is cut short).
    public func receiveToEnd(limit: Int) throws(SocketError) -> [UInt8] {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while received.count < limit {
            let count = try socket.receive(into: &buffer, deadline: deadline, what: "complete reply")
            if count == 0 { break }
            received += buffer[0..<min(count, limit - received.count)]
        }
        return received
    }
}
