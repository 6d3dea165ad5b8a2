/// Bounds on what one request may use; exceeding one is an `HTTPError` with the matching status
/// (security.md item 6). Defaults follow nginx's order of magnitude.
public struct HTTPParserLimits: Sendable {
    /// Longest request line, method and target included (414 past it).
    public var requestLine = 8 * 1024
    /// All header lines together (431 past it).
    public var headerBytes = 16 * 1024
    /// Number of header fields (431 past it).
    public var headerCount = 100
    /// Decoded body size (413 past it).
    public var body = 1 << 20
    /// Longest method token (400 past it).
    public var method = 24
    /// Longest chunk-size line, extensions included (400 past it).
    public var chunkLine = 4 * 1024

    public init() {}
}
