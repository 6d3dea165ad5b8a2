public import PexHTTP

/// Header rewriting between the browser and the node (RFC 9110 §7.6): hop-by-hop fields stay on their hop,
/// `Host` names the node, `X-Forwarded-*` tell it who asked, and `Location`/`Set-Cookie` are brought back to the
/// dev origin so redirects and cookies do not leave pexdev.
public enum ProxyHeaders {
    /// Fields that describe one connection, never forwarded (plus any the `Connection` field names).
    public static let hopByHop: Set<String> = [
        "connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade",
        "proxy-authenticate", "proxy-authorization",
    ]

    /// What goes to the node for `request` (the body's length is added by the caller).
    public static func upstream(_ request: HTTPRequest, node: NodeAddress) -> HTTPHeaders {
        let dropped = droppedNames(request.headers).union([
            "host", "content-length", "expect", "accept-encoding", "x-forwarded-for", "x-forwarded-proto",
            "x-forwarded-host", "forwarded",
        ])
        var out = HTTPHeaders()
        out.add("Host", node.hostHeader)
        for field in request.headers where !dropped.contains(field.name.lowercased()) {
            out.add(field.name, field.value)
        }
        let client = request.remoteAddress ?? "127.0.0.1"
        let chain = request.headers.values("X-Forwarded-For") + [client]
        out.add("X-Forwarded-For", chain.joined(separator: ", "))
        out.add("X-Forwarded-Proto", "http")
        if let host = request.headers["Host"] { out.add("X-Forwarded-Host", host) }
        // Uncompressed, as Pexip's own dev setups do: nothing on the way may hold an event back to fill a
        // compression block, and the real app's HTML can have the reload script added.
        out.add("Accept-Encoding", "identity")
        return out
    }

    /// What goes back to the browser from the node's `headers`. The server adds its own framing, `Date` and
    /// `Server`.
    public static func downstream(_ headers: HTTPHeaders, node: NodeAddress) -> HTTPHeaders {
        let dropped = droppedNames(headers).union(["content-length", "date", "server"])
        var out = HTTPHeaders()
        for field in headers where !dropped.contains(field.name.lowercased()) {
            switch field.name.lowercased() {
            case "location", "content-location":
                out.add(field.name, location(field.value, node: node))
            case "set-cookie":
                out.add(field.name, cookie(field.value))
            default:
                out.add(field.name, field.value)
            }
        }
        out.add("Via", "1.1 pexdev")
        return out
    }

    /// Hop-by-hop names, and the ones a `Connection` field lists.
    static func droppedNames(_ headers: HTTPHeaders) -> Set<String> {
        var names = hopByHop
        for value in headers.values("Connection") {
            for token in splitList(value) { names.insert(token.lowercased()) }
        }
        return names
    }

    /// An absolute URL on the node becomes a path on the dev origin; anything else is left alone.
    public static func location(_ value: String, node: NodeAddress) -> String {
        let lower = value.lowercased()
        var candidates = ["//\(node.hostHeader)", "\(node.origin)"]
        if node.hostHeader != node.endpoint {
            candidates.append("\(node.scheme.rawValue)://\(node.endpoint)")
            candidates.append("//\(node.endpoint)")
        }
        for prefix in candidates.sorted(by: { $0.count > $1.count }) where lower.hasPrefix(prefix.lowercased()) {
            let rest = value.dropFirst(prefix.count)
            if rest.isEmpty { return "/" }
            if let first = rest.first, first == "/" || first == "?" || first == "#" {
                return first == "/" ? String(rest) : "/" + rest
            }
        }
        return value
    }

    /// A cookie the node sets for its own domain is kept by the browser for the dev origin instead.
    public static func cookie(_ value: String) -> String {
        let parts = value.split(separator: ";", omittingEmptySubsequences: false)
        let kept = parts.enumerated().filter { index, part in
            index == 0 || !part.trimmingSpaces().lowercased().hasPrefix("domain=")
        }
        return kept.map { String($0.element) }.joined(separator: ";")
    }
}
