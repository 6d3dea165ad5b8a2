import CPexSystem

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A blocking TCP client for one short exchange (`pexdev health`): connect, send, read to EOF, all within one
/// deadline, so a hung server makes the caller fail fast instead of waiting on the kernel's minutes-long timeouts.
public final class ClientSocket {
    private let descriptor: Int32
    private let deadline: UInt64
    private let timeoutMilliseconds: Int

    private init(descriptor: Int32, deadline: UInt64, timeoutMilliseconds: Int) {
        self.descriptor = descriptor
        self.deadline = deadline
        self.timeoutMilliseconds = timeoutMilliseconds
    }

    deinit { _ = systemClose(descriptor) }

    /// Connects to the first address of `host` (a literal or a name) that accepts within `timeoutMilliseconds`,
    /// which also bounds everything done later on the connection.
    public static func connect(host: String, port: Int, timeoutMilliseconds: Int) throws(SocketError) -> ClientSocket {
        let deadline = MonotonicClock.nowMilliseconds() + UInt64(max(timeoutMilliseconds, 1))
        var lastError = SocketError(.unresolvableHost(host))
        for address in try ListeningSocket.resolve(host: host) {
            do {
                let fd = try open(address: address, port: port, deadline: deadline, timeout: timeoutMilliseconds)
                return ClientSocket(descriptor: fd, deadline: deadline, timeoutMilliseconds: timeoutMilliseconds)
            } catch {
                lastError = error
            }
        }
        throw lastError
    }

    /// Sends all of `bytes`.
    public func send(_ bytes: [UInt8]) throws(SocketError) {
        var offset = 0
        while offset < bytes.count {
            try wait(for: Int16(POLLOUT), what: "chance to send the request")
            let sent = bytes[offset...].withUnsafeBytes { systemSend(descriptor, $0.baseAddress, $0.count) }
            if sent < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw SocketError.system("send")
            }
            offset += sent
        }
    }

    /// Reads until the peer closes, keeping at most `limit` bytes (a reply larger than that is cut short).
    public func receiveToEnd(limit: Int) throws(SocketError) -> [UInt8] {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while received.count < limit {
            try wait(for: Int16(POLLIN), what: "complete reply")
            let count = buffer.withUnsafeMutableBytes { bytes in
                bytes.baseAddress.map { systemRead(descriptor, $0, bytes.count) } ?? -1
            }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                if errno == ECONNRESET { break }
                throw SocketError.system("recv")
            }
            received += buffer[0..<min(count, limit - received.count)]
        }
        return received
    }

    private func wait(for events: Int16, what: String) throws(SocketError) {
        try Self.wait(descriptor, for: events, deadline: deadline, what: what, timeout: timeoutMilliseconds)
    }

    private static func wait(
        _ fd: Int32, for events: Int16, deadline: UInt64, what: String, timeout: Int
    ) throws(SocketError) {
        while true {
            let now = MonotonicClock.nowMilliseconds()
            guard now < deadline else { throw SocketError(.timedOut(what: what, milliseconds: timeout)) }
            var entry = pollfd(fd: fd, events: events, revents: 0)
            let ready = poll(&entry, 1, Int32(clamping: deadline - now))
            if ready > 0 { return }
            if ready < 0 && errno != EINTR { throw SocketError.system("poll") }
        }
    }

    /// A non-blocking socket connected to `address`, or the reason it is not.
    private static func open(address: String, port: Int, deadline: UInt64, timeout: Int) throws(SocketError) -> Int32 {
        let v6 = address.contains(":")
        let fd = socket(v6 ? AF_INET6 : AF_INET, socketStreamType, 0)
        guard fd >= 0 else { throw SocketError.system("socket") }
        var ok = false
        defer { if !ok { _ = systemClose(fd) } }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        _ = pex_set_int_option(fd, Int32(IPPROTO_TCP), TCP_NODELAY, 1)
        let result = SocketAddress.withSockaddr(address, port: port) { systemConnect(fd, $0, $1) }
        let shown = v6 ? "[\(address)]:\(port)" : "\(address):\(port)"
        if result != 0 {
            guard errno == EINPROGRESS else { throw SocketError.system("connect to \(shown)") }
            try wait(fd, for: Int16(POLLOUT), deadline: deadline, what: "connection to \(shown)", timeout: timeout)
            var code: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &code, &length)
            if code != 0 { throw SocketError.system("connect to \(shown)", code) }
        }
        ok = true
        return fd
    }
}
