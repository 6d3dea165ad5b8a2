public import PexHTTP
import PexSockets

/// Node mode: forwards requests to the one configured Infinity node. Each request is worked on its own thread
/// with blocking-style, deadline-bounded I/O (the node's answer may take seconds and an event stream lasts as long
/// as the conference), while the server's event loops stay free. Also the `HTTPHandler` to mount.
public final class NodeProxy: HTTPHandler, @unchecked Sendable {
    public let configuration: ProxyConfiguration
    let tls: TLSContext?
    let pool: UpstreamPool
    let log: any LogSink
    private let lock = Lock()
    private var inFlight = 0
    private var lastFailure: (message: String, at: UInt64, repeats: Int)?

    /// Sets up TLS (a bad `--ca-file` is reported here, before serving).
    public init(configuration: ProxyConfiguration, log: any LogSink) throws(ProxySetupError) {
        self.configuration = configuration
        self.log = log
        tls =
            configuration.node.scheme == .https
            ? try TLSContext(caFile: configuration.caFile, insecure: configuration.insecure) : nil
        pool = UpstreamPool(
            capacity: configuration.idleConnections, maxIdleMilliseconds: configuration.idleConnectionMilliseconds)
    }

    public var node: NodeAddress { configuration.node }
    /// The client API's prefix, proxied in node mode.
    public static let apiMount = "/api/client/"

    /// Requests being proxied right now.
    public var activeRequests: Int { lock.withLock { inFlight } }

    public func handle(_ request: HTTPRequest, responder: HTTPResponder) {
        // The node normalises paths too: `..` or an encoded separator must not walk a request out of the
        // mounted prefix (/api/client/…) to another part of the node.
        do {
            _ = try RequestPath.segments(Substring(request.path))
        } catch {
            responder.send(error.response)
            return
        }
        let admitted = lock.withLock { () -> Bool in
            guard inFlight < configuration.maxInFlight else { return false }
            inFlight += 1
            return true
        }
        guard admitted else {
            let failure = ProxyFailure(
                .busy, "\(configuration.maxInFlight) requests to \(node.endpoint) are already in flight; retry shortly")
            responder.send(failure.response(node: node))
            return
        }
        responder.omitFromAccessLog()
        var request = request
        request.remoteAddress = responder.remoteAddress
        let exchange = ProxyExchange(request: request, responder: responder, proxy: self)
        let started = BackgroundThread.start(name: "pexdev-proxy") {
            exchange.run()
            self.finished()
        }
        if !started {
            finished()
            let failure = ProxyFailure(.busy, "no thread available to reach \(node.endpoint); retry shortly")
            responder.send(failure.response(node: node))
        }
    }

    private func finished() {
        lock.withLock { inFlight -= 1 }
    }

    /// Closes the idle connections to the node (at shutdown).
    public func stop() {
        pool.closeAll()
    }

    /// A failed call is always worth a line, but a node that is down should not print one per request: the same
    /// message within 10 s is counted and summed up in the next line.
    func logFailure(_ line: String) {
        let now = MonotonicClock.nowMilliseconds()
        let (print, repeats) = lock.withLock { () -> (Bool, Int) in
            if let last = lastFailure, last.message == line, now - last.at < 10_000 {
                lastFailure?.repeats += 1
                return (false, 0)
            }
            let repeats = lastFailure?.repeats ?? 0
            lastFailure = (line, now, 0)
            return (true, repeats)
        }
        guard print else { return }
        let suffix = repeats > 0 ? " (the previous failure repeated \(repeats) more times)" : ""
        log.log(.warning, line + suffix)
    }
}
