public import PexHTTP

/// The status line and headers of the node's answer.
public struct UpstreamResponseHead: Sendable, Equatable {
    public var status: Int
    public var reason: String
    public var headers: HTTPHeaders

    public init(status: Int, reason: String, headers: HTTPHeaders) {
        self.status = status
        self.reason = reason
        self.headers = headers
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.status == b.status && a.reason == b.reason
            && a.headers.fields.map(\.name) == b.headers.fields.map(\.name)
            && a.headers.fields.map(\.value) == b.headers.fields.map(\.value)
    }

    /// How the body that follows ends (RFC 9112 §6.3), for a request with `method`.
    public func framing(method: String) throws(ProxyFailure) -> BodyFraming {
        if method == "HEAD" || (100..<200).contains(status) || status == 204 || status == 304 { return .none }
        let codings = headers.values("Transfer-Encoding").flatMap(splitList).map { $0.lowercased() }
        if !codings.isEmpty {
            guard codings == ["chunked"] else {
                throw ProxyFailure(
                    .badResponse,
                    "the node used transfer coding '\(codings.joined(separator: ", "))', "
                        + "which pexdev does not decode")
            }
            return .chunked
        }
        let lengths = Set(
            headers.values("Content-Length").flatMap { $0.split(separator: ",") }
                .map { $0.trimmingSpaces() })
        if lengths.isEmpty { return .untilClose }
        guard lengths.count == 1, let text = lengths.first, !text.isEmpty, text.count <= 18,
            text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let length = Int(text)
        else {
            throw ProxyFailure(.badResponse, "the node sent an invalid Content-Length")
        }
        return .length(length)
    }
}

/// Where a response body ends.
public enum BodyFraming: Sendable, Equatable {
    case none
    case length(Int)
    case chunked
    /// When the node closes the connection (which then cannot be reused).
    case untilClose
}
