import PexSockets

/// The one Infinity node node mode talks to (`--node https://pexip.example.com[:port]`): scheme, host and port,
/// nothing else, so the proxy can never be steered anywhere but there.
public struct NodeAddress: Sendable, Equatable, CustomStringConvertible {
    public enum Scheme: String, Sendable { case http, https }

    public let scheme: Scheme
    /// The host name or address literal, without IPv6 brackets.
    public let host: String
    public let port: Int

    public init(scheme: Scheme, host: String, port: Int? = nil) {
        self.scheme = scheme
        self.host = host
        self.port = port ?? (scheme == .https ? 443 : 80)
    }

    /// Parses what a user types: `https://pexip.example.com`, `pexip.example.com` (https assumed),
    /// `http://127.0.0.1:8081`, `https://[2001:db8::1]:8443/`.
    public init(parsing text: String) throws(NodeAddressError) {
        var rest = Substring(text)
        var scheme = Scheme.https
        if let mark = rest.indices.first(where: { rest[$0...].hasPrefix("://") }) {
            let given = rest[..<mark].lowercased()
            guard let known = Scheme(rawValue: given) else { throw .scheme(text, given) }
            scheme = known
            rest = rest[rest.index(mark, offsetBy: 3)...]
        }
        if let slash = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) {
            let path = rest[slash...]
            guard path == "/" else { throw .path(text, String(path)) }
            rest = rest[..<slash]
        }
        guard !rest.contains("@") else { throw .credentials(text) }
        var host = rest
        var port: Int?
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { throw .host(text) }
            let after = host[host.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":"), let number = Self.port(after.dropFirst()) else { throw .port(text) }
                port = number
            }
            host = host[host.index(after: host.startIndex)..<close]
        } else if let colon = host.lastIndex(of: ":") {
            guard let number = Self.port(host[host.index(after: colon)...]) else { throw .port(text) }
            port = number
            host = host[..<colon]
        }
        guard !host.isEmpty, host.allSatisfy({ $0.isASCII && !$0.isWhitespace && $0 != "%" }) else {
            throw .host(text)
        }
        self.init(scheme: scheme, host: host.lowercased(), port: port)
    }

    private static func port(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.count <= 5, text.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(text),
            (1...65535).contains(value)
        else { return nil }
        return value
    }

    public var isAddressLiteral: Bool { ListeningSocket.isNumericAddress(host) }

    private var bracketedHost: String { host.contains(":") ? "[\(host)]" : host }
    private var isDefaultPort: Bool { port == (scheme == .https ? 443 : 80) }

    /// The `Host` header the node expects: the name, plus the port when it is not the scheme's default.
    public var hostHeader: String { isDefaultPort ? bracketedHost : "\(bracketedHost):\(port)" }

    /// `https://pexip.example.com` (the default port left out).
    public var origin: String { "\(scheme.rawValue)://\(hostHeader)" }

    /// `pexip.example.com:443`, for messages.
    public var endpoint: String { "\(bracketedHost):\(port)" }

    public var description: String { origin }
}

/// Why a `--node` value is not a node's address; worded to follow "--node <value>: ".
public enum NodeAddressError: Error, Equatable, CustomStringConvertible, Sendable {
    case scheme(String, String)
    case path(String, String)
    case credentials(String)
    case host(String)
    case port(String)

    public var description: String {
        switch self {
        case .scheme(_, let scheme):
            return "'\(scheme)' is not a scheme a node answers on; use https:// (or http:// for a local test node)"
        case .path(_, let path):
            return "give the node's address only, without the path '\(path)' (e.g. https://pexip.example.com)"
        case .credentials:
            return "credentials in the address would be sent to the node and shown in logs; leave them out"
        case .host:
            return "no host name or address in it (e.g. https://pexip.example.com)"
        case .port:
            return "the port must be a number 1-65535 (e.g. https://pexip.example.com:8443)"
        }
    }
}
