/// Which `Host` header values the server answers to. A page on any site can make the developer's browser
/// send requests to 127.0.0.1 under a name the attacker controls (DNS rebinding); refusing unknown names
/// keeps the branding tree and dev endpoints private (security.md item 2).
public struct HostAllowList: Sendable {
    public static let loopbackNames: [String] = ["localhost", "127.0.0.1", "::1"]
    private let names: Set<String>

    /// `extra` names (from `--allow-host`) are accepted besides the loopback names and the bind address.
    public init(extra: [String] = [], bindAddress: String? = nil) {
        var names = Set(Self.loopbackNames)
        for name in extra { names.insert(name.lowercased()) }
        if let bindAddress { names.insert(bindAddress.lowercased()) }
        self.names = names
    }

    /// The host name part of a Host header value: without port, IPv6 brackets removed, lower-cased.
    public static func hostName(of header: String) -> String {
        var text = Substring(header)
        if text.hasPrefix("[") {
            if let close = text.firstIndex(of: "]") { text = text[text.index(after: text.startIndex)..<close] }
        } else if let colon = text.lastIndex(of: ":") {
            text = text[..<colon]
        }
        if text.hasSuffix(".") { text = text.dropLast() }
        return text.lowercased()
    }

    public func allows(hostHeader: String?) -> Bool {
        // HTTP/1.0 without Host cannot be a rebinding attack from a browser (browsers always send Host).
        guard let hostHeader else { return true }
        let name = Self.hostName(of: hostHeader)
        if names.contains(name) { return true }
        // Any *.localhost name resolves to loopback by specification (RFC 6761), and 127/8 is all loopback.
        if name.hasSuffix(".localhost") { return true }
        if name.hasPrefix("127.") && ListeningAddress.isIPv4Literal(name) { return true }
        return false
    }

    /// The 403 explanation for a refused Host.
    public func refusal(hostHeader: String) -> HTTPError {
        let name = Self.hostName(of: hostHeader)
        return HTTPError(
            .forbidden,
            "Host '\(name)' is not allowed. pexdev answers only to loopback names (localhost, 127.0.0.1, [::1]) "
                + "so that other web sites cannot read your files through DNS rebinding. "
                + "If you reach pexdev under this name on purpose, start it with --allow-host \(name)")
    }
}

enum ListeningAddress {
    static func isIPv4Literal(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { !$0.isEmpty && $0.count <= 3 && UInt8($0) != nil }
    }
}
