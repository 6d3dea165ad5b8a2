/// A parsed request. `path` is the raw (still percent-encoded) path; `query` follows the `?`.
public struct HTTPRequest: Sendable {
    public var method: String
    /// The request target exactly as sent.
    public var target: String
    public var path: String
    public var query: String?
    /// 0 for HTTP/1.0, 1 for HTTP/1.1.
    public var minorVersion: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// Whether the connection may carry another request after this one.
    public var keepAlive: Bool
    /// The client's numeric address, when a handler filled it in from `HTTPResponder.remoteAddress`.
    public var remoteAddress: String?

    public init(
        method: String, target: String, minorVersion: Int = 1, headers: HTTPHeaders = HTTPHeaders(),
        body: [UInt8] = [], keepAlive: Bool = true
    ) {
        self.method = method
        self.target = target
        if let mark = target.utf8.firstIndex(of: UInt8(ascii: "?")) {
            path = String(target[..<mark])
            query = String(target[target.index(after: mark)...])
        } else {
            path = target
            query = nil
        }
        self.minorVersion = minorVersion
        self.headers = headers
        self.body = body
        self.keepAlive = keepAlive
    }

    public var isHead: Bool { method == "HEAD" }
}
