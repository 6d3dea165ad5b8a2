public import PexSockets

/// An HTTP/1.1 server on our own sockets: one handler, many connections, graceful stop.
public final class HTTPServer: Sendable {
    private let core: HTTPServerCore
    private let tcp: TCPServer

    /// Binds at once (so "port in use" is reported before anything else happens); serves after `start()`.
    public init(configuration: HTTPServerConfiguration, handler: any HTTPHandler, log: any LogSink) throws(SocketError)
    {
        var configuration = configuration
        let room = connectionsAllowed(requested: configuration.maxConnections)
        if room.allowed < configuration.maxConnections {
            log.log(
                .warning,
                "the open-file limit (\(room.descriptorLimit)) leaves room for \(room.allowed) connections, not "
                    + "\(configuration.maxConnections): more get 503; raise it with `ulimit -n`")
            configuration.maxConnections = room.allowed
        }
        core = HTTPServerCore(configuration: configuration, handler: handler, log: log)
        tcp = try TCPServer(
            host: configuration.host, port: configuration.port, maxConnections: configuration.maxConnections,
            threads: configuration.threads, acceptor: core)
        tcp.onDescriptorExhaustion = { limit in
            log.log(
                .warning,
                "out of file descriptors (limit \(limit)): new connections wait until some close; "
                    + "raise the limit with `ulimit -n`")
        }
    }

    /// The port actually bound.
    public var port: Int { tcp.port }
    /// The numeric addresses listened on.
    public var addresses: [String] { tcp.sockets.map(\.address) }
    public var connectionCount: Int { tcp.connectionCount }

    public func start() throws(SocketError) { try tcp.start() }

    /// Stops accepting, lets in-flight responses finish for up to `graceMilliseconds`, closes the rest.
    public func stop(graceMilliseconds: UInt64 = 2000) {
        core.markStopping()
        tcp.stop(graceMilliseconds: graceMilliseconds)
    }
}

/// What every connection of one server shares.
final class HTTPServerCore: ConnectionAcceptor, @unchecked Sendable {
    let configuration: HTTPServerConfiguration
    let handler: any HTTPHandler
    let log: any LogSink
    private let lock = Lock()
    private var stopping = false

    init(configuration: HTTPServerConfiguration, handler: any HTTPHandler, log: any LogSink) {
        self.configuration = configuration
        self.handler = handler
        self.log = log
    }

    var isStopping: Bool { lock.withLock { stopping } }

    func markStopping() { lock.withLock { stopping = true } }

    func accepted(_ connection: Connection, admitted: Bool) -> any ConnectionDelegate {
        let handler = HTTPConnectionHandler(connection: connection, server: self)
        if !admitted {
            connection.delegate = handler
            handler.refuseBusy()
        }
        return handler
    }
}
