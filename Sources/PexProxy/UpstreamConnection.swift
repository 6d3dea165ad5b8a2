import COpenSSL
import PexSockets

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One connection to the node, plain or TLS, used by one thread at a time with blocking-style calls that all
/// have deadlines. `cancel()` (any thread) shuts the socket so a blocked read returns at once.
final class UpstreamConnection: @unchecked Sendable {
    let socket: StreamSocket
    private let ssl: OpaquePointer?
    let node: NodeAddress
    /// When it went back to the pool, for the idle expiry.
    var idleSince: UInt64 = 0
    /// Requests it has carried.
    var uses = 0

    private init(socket: StreamSocket, ssl: OpaquePointer?, node: NodeAddress) {
        self.socket = socket
        self.ssl = ssl
        self.node = node
    }

    deinit {
        if let ssl { pexdev_tls_free(ssl) }
        socket.close()
    }

    /// Connects, and for https completes the handshake and the certificate check, all before `deadline`.
    static func open(to node: NodeAddress, tls: TLSContext?, deadline: Deadline) throws(ProxyFailure)
        -> UpstreamConnection
    {
        let socket: StreamSocket
        do {
            socket = try StreamSocket.connect(host: node.host, port: node.port, deadline: deadline)
        } catch {
            throw ProxyFailure.socket(error, node: node, during: "connecting to")
        }
        guard node.scheme == .https, let tls else { return UpstreamConnection(socket: socket, ssl: nil, node: node) }
        guard let ssl = pexdev_tls_session(tls.context, socket.descriptor, node.host, node.isAddressLiteral ? 1 : 0)
        else {
            throw ProxyFailure(.tls, "cannot start TLS with \(node.endpoint)")
        }
        let connection = UpstreamConnection(socket: socket, ssl: ssl, node: node)
        try connection.handshake(deadline: deadline)
        return connection
    }

    private func handshake(deadline: Deadline) throws(ProxyFailure) {
        guard let ssl else { return }
        while true {
            let result = pexdev_tls_handshake(ssl)
            if result == 1 { return }
            switch result {
            case PEXDEV_TLS_WANT_READ, PEXDEV_TLS_WANT_WRITE:
                try waitFor(forInput: result == PEXDEV_TLS_WANT_READ, deadline, "TLS handshake")
            default:
                throw TLSFailure.describe(ssl: ssl, node: node, closed: result == PEXDEV_TLS_CLOSED)
            }
        }
    }

    private func waitFor(forInput input: Bool, _ deadline: Deadline, _ what: String) throws(ProxyFailure) {
        do {
            try socket.wait(forInput: input, deadline: deadline, what: what)
        } catch {
            throw ProxyFailure.socket(error, node: node, during: "waiting for")
        }
    }

    func write(_ bytes: [UInt8], deadline: Deadline) throws(ProxyFailure) {
        guard let ssl else {
            do {
                try socket.sendAll(bytes, deadline: deadline, what: "chance to send the request")
            } catch {
                throw ProxyFailure.socket(error, node: node, during: "sending the request to")
            }
            return
        }
        var offset = 0
        while offset < bytes.count {
            let result = bytes[offset...].withUnsafeBytes { raw in
                pexdev_tls_write(ssl, raw.baseAddress, Int32(clamping: raw.count))
            }
            if result > 0 {
                offset += Int(result)
            } else if result == PEXDEV_TLS_WANT_READ || result == PEXDEV_TLS_WANT_WRITE {
                try waitFor(forInput: result == PEXDEV_TLS_WANT_READ, deadline, "chance to send the request")
            } else {
                throw ProxyFailure(.badResponse, "\(node.endpoint) closed the connection while the request was sent")
            }
        }
    }

    /// Reads what is available, waiting until `deadline` (`what` names it for the timeout): the count, 0 at the end.
    func read(into buffer: inout [UInt8], deadline: Deadline, what: String) throws(ProxyFailure) -> Int {
        guard let ssl else {
            do {
                return try socket.receive(into: &buffer, deadline: deadline, what: what)
            } catch {
                throw ProxyFailure.socket(error, node: node, during: "reading from")
            }
        }
        while true {
            let result = buffer.withUnsafeMutableBytes { raw in
                pexdev_tls_read(ssl, raw.baseAddress, Int32(clamping: raw.count))
            }
            if result > 0 { return Int(result) }
            switch result {
            case PEXDEV_TLS_WANT_READ, PEXDEV_TLS_WANT_WRITE:
                try waitFor(forInput: result == PEXDEV_TLS_WANT_READ, deadline, what)
            case PEXDEV_TLS_CLOSED:
                return 0
            default:
                if socket.isCancelled { return 0 }
                throw ProxyFailure(.badResponse, "TLS error reading from \(node.endpoint): \(TLSFailure.lastError())")
            }
        }
    }

    /// Whether an idle connection can carry another request: not closed by the node, nothing unasked waiting.
    var isReusable: Bool { !socket.isCancelled && !socket.isReadableNow }

    func cancel() { socket.cancel() }
}
