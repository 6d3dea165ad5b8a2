import CPexSystem

/// Listening sockets plus a small pool of event loops (one per CPU this process may use), with a
/// server-wide connection limit and a graceful stop.
public final class TCPServer: @unchecked Sendable {
    public let sockets: [ListeningSocket]
    let acceptor: any ConnectionAcceptor
    public let maxConnections: Int
    private let threadCount: Int
    private var loops: [EventLoop] = []
    private let lock = Lock()
    private var openConnections = 0
    private var serial: UInt64 = 0
    private var exhaustionReported = false
    /// Called (once) when accept fails for lack of file descriptors; the server keeps running.
    public var onDescriptorExhaustion: (@Sendable (_ limit: Int) -> Void)?

    /// Binds `host:port` (every address a name resolves to). Nothing is accepted until `start()`.
    /// `threads` defaults to the CPUs in this process's affinity mask.
    public init(
        host: String, port: Int, maxConnections: Int = 1024, threads: Int? = nil, acceptor: any ConnectionAcceptor
    ) throws(SocketError) {
        ignoreBrokenPipeSignal()
        raiseDescriptorLimit()
        self.acceptor = acceptor
        self.maxConnections = maxConnections
        self.threadCount = max(1, threads ?? Int(pex_cpu_count()))
        sockets = try ListeningSocket.bind(host: host, port: port)
    }

    /// The port actually bound (the kernel's choice for port 0).
    public var port: Int { sockets.first?.port ?? 0 }

    /// Starts the loops; returns at once.
    public func start() throws(SocketError) {
        for index in 0..<threadCount {
            let loop = try EventLoop(server: self)
            for socket in sockets { loop.addListener(socket.descriptor) }
            loops.append(loop)
            loop.start(name: "pexdev-loop-\(index)")
        }
    }

    /// Stops accepting, lets connections finish for up to `graceMilliseconds`, then cuts the rest.
    /// Blocks until every loop has exited; the listening sockets are closed on return.
    public func stop(graceMilliseconds: UInt64 = 2000) {
        for loop in loops { loop.beginStop(graceMilliseconds: graceMilliseconds) }
        for loop in loops { loop.join() }
        for socket in sockets { socket.close() }
    }

    /// Current number of open connections across loops.
    public var connectionCount: Int { lock.withLock { openConnections } }

    func connectionOpened() -> Bool {
        lock.withLock {
            openConnections += 1
            return openConnections <= maxConnections
        }
    }

    func connectionClosed() {
        lock.withLock { openConnections -= 1 }
    }

    func reportDescriptorExhaustion() {
        let first = lock.withLock { () -> Bool in
            defer { exhaustionReported = true }
            return !exhaustionReported
        }
        if first { onDescriptorExhaustion?(currentDescriptorLimit()) }
    }

    func nextSerial() -> UInt64 {
        lock.withLock {
            serial += 1
            return serial
        }
    }
}
