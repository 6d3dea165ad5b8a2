/// What node mode was asked for (`--node`, `--ca-file`, `--insecure`, `--real-app`) and its bounds.
public struct ProxyConfiguration: Sendable, Equatable {
    public var node: NodeAddress
    /// Extra trusted CAs (PEM), on top of the system's.
    public var caFile: String?
    /// Skip the certificate check (warned about at start and in the shell).
    public var insecure = false
    /// Also proxy the node's Webapp2 (`/webapp2/` outside the branding mount).
    public var realApp = false
    /// Markup added to the real app's HTML pages (pexdev's reload and CSP client); nil for none.
    public var htmlInjection: String?

    public var connectTimeoutMilliseconds = 10_000
    /// From the request sent to the whole response head received.
    public var responseTimeoutMilliseconds = 60_000
    /// Longest silence inside a response body.
    public var bodyIdleTimeoutMilliseconds = 60_000
    /// Longest silence on an event stream before it is ended (the browser then reconnects).
    public var streamIdleTimeoutMilliseconds = 300_000
    /// How long a browser that stopped reading may hold up a body before it is dropped.
    public var clientStallTimeoutMilliseconds = 60_000
    /// Requests proxied at once; more get 503 (each holds a thread while it waits on the node).
    public var maxInFlight = 256
    /// Answers up to this size are read whole and sent with a length (keep-alive); larger ones are streamed.
    public var bufferLimit = 1 << 20
    /// How far a browser may fall behind a streamed body before reading from the node pauses.
    public var streamWindow = 256 << 10
    /// Idle connections kept to the node for reuse, and for how long.
    public var idleConnections = 8
    public var idleConnectionMilliseconds = 15_000

    public init(node: NodeAddress) {
        self.node = node
    }
}
