import CPexSystem

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A connected, non-blocking TCP client socket for a thread that does blocking-style I/O: every wait has a
/// deadline, and `cancel()` from any other thread wakes a blocked wait at once (the socket is shut down), so a
/// caller is never stuck on the kernel's minutes-long timeouts or on a peer that went quiet.
public final class StreamSocket: @unchecked Sendable {
    public let descriptor: Int32
    /// "127.0.0.1:8081" or "[::1]:443": the address actually connected, for messages.
    public let peer: String
    private let lock = Lock()
    private var closed = false
    private var cancelled = false

    private init(descriptor: Int32, peer: String) {
        self.descriptor = descriptor
        self.peer = peer
    }

    deinit { close() }

    /// Connects to the first address of `host` (a literal or a name) that accepts before `deadline`.
    public static func connect(host: String, port: Int, deadline: Deadline) throws(SocketError) -> StreamSocket {
        var lastError = SocketError(.unresolvableHost(host))
        for address in try ListeningSocket.resolve(host: host) {
            do {
                return try open(address: address, port: port, deadline: deadline)
            } catch {
                lastError = error
                if case .timedOut = error.kind { break }
            }
        }
        throw lastError
    }

    public var isCancelled: Bool { lock.withLock { cancelled } }

    /// Wakes whoever waits on this socket (their next read sees end-of-stream) and fails later waits.
    /// Callable from any thread, any number of times.
    public func cancel() {
        lock.withLock {
            cancelled = true
            if !closed { _ = shutdown(descriptor, Int32(SHUT_RDWR)) }
        }
    }

    public func close() {
        lock.withLock {
            guard !closed else { return }
            closed = true
            _ = systemClose(descriptor)
        }
    }

    /// Waits until the socket is readable (`input`) or writable; `what` names the awaited thing for the
    /// timeout's message ("response from the node").
    public func wait(forInput input: Bool, deadline: Deadline, what: String) throws(SocketError) {
        try Self.wait(descriptor, events: Int16(input ? POLLIN : POLLOUT), deadline: deadline, what: what)
    }

    /// One `recv`: bytes read, 0 at end-of-stream, or -1 with `errno` (EAGAIN when nothing is there yet).
    public func receive(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        guard let base = buffer.baseAddress else { return -1 }
        return systemRead(descriptor, base, buffer.count)
    }

    /// One `send`: bytes written, or -1 with `errno`.
    public func send(_ bytes: UnsafeRawBufferPointer) -> Int {
        systemSend(descriptor, bytes.baseAddress, bytes.count)
    }

    /// Sends all of `bytes` before `deadline`.
    public func sendAll(_ bytes: [UInt8], deadline: Deadline, what: String) throws(SocketError) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send($0) }
            if sent >= 0 {
                offset += sent
                continue
            }
            let code = errno
            if code == EINTR { continue }
            guard code == EAGAIN || code == EWOULDBLOCK else { throw SocketError.system("send", code) }
            try wait(forInput: false, deadline: deadline, what: what)
        }
    }

    /// Reads what is available, waiting for it until `deadline`: the count read, 0 at end-of-stream.
    public func receive(into buffer: inout [UInt8], deadline: Deadline, what: String) throws(SocketError) -> Int {
        while true {
            let count = buffer.withUnsafeMutableBytes { receive(into: $0) }
            if count >= 0 { return count }
            let code = errno
            if code == EINTR { continue }
            if code == ECONNRESET { return 0 }
            guard code == EAGAIN || code == EWOULDBLOCK else { throw SocketError.system("recv", code) }
            try wait(forInput: true, deadline: deadline, what: what)
        }
    }

    /// True when the peer closed or sent something unasked: an idle keep-alive connection in that state
    /// must not carry another request.
    public var isReadableNow: Bool {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, 0) != 0
    }

    static func wait(_ fd: Int32, events: Int16, deadline: Deadline, what: String) throws(SocketError) {
        while true {
            let left = deadline.remaining
            guard left > 0 else { throw SocketError(.timedOut(what: what, milliseconds: deadline.milliseconds)) }
            var entry = pollfd(fd: fd, events: events, revents: 0)
            let ready = poll(&entry, 1, Int32(clamping: left))
            if ready > 0 { return }
            if ready < 0 && errno != EINTR { throw SocketError.system("poll") }
        }
    }

    /// A non-blocking socket connected to `address`, or the reason it is not.
    private static func open(address: String, port: Int, deadline: Deadline) throws(SocketError) -> StreamSocket {
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
            try wait(fd, events: Int16(POLLOUT), deadline: deadline, what: "connection to \(shown)")
            var code: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &code, &length)
            if code != 0 { throw SocketError.system("connect to \(shown)", code) }
        }
        ok = true
        return StreamSocket(descriptor: fd, peer: shown)
    }
}
