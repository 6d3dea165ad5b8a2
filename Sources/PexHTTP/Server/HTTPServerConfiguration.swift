/// How the HTTP server listens, what it bounds and what it logs.
public struct HTTPServerConfiguration: Sendable {
    public var host: String = "127.0.0.1"
    public var port: Int = 8080
    /// Event-loop threads; nil means one per CPU this process may use.
    public var threads: Int? = nil
    /// Open connections beyond this get `503` and are closed.
    public var maxConnections: Int = 1024
    public var limits = HTTPParserLimits()
    /// Time allowed for a whole request head to arrive, from its first byte (slowloris defence).
    public var headerTimeoutMilliseconds: UInt64 = 10_000
    /// Time allowed for a request body, from the first byte of the request.
    public var bodyTimeoutMilliseconds: UInt64 = 30_000
    /// How long an idle keep-alive connection is kept.
    public var idleTimeoutMilliseconds: UInt64 = 60_000
    /// How long a response may wait for a client that does not read it.
    public var writeTimeoutMilliseconds: UInt64 = 60_000
    public var hosts = HostAllowList()
    /// One log line per request (`.access` level).
    public var accessLog = false

    public init() {}
}
