#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The parts of a URL that CSP matching looks at (scheme, host, port, path), parsed leniently: a URL a
/// plugin builds at run time may only be a prefix in its source (`'https://api.example.com/v1/' + id`).
public struct CSPURL: Sendable, Equatable, Hashable {
    /// Lower-case, without `:`.
    public var scheme: String
    /// Lower-case; nil for URLs without an authority (`data:`, `blob:`, `about:`).
    public var host: String?
    /// The port as written; nil means the scheme's default.
    public var port: Int?
    /// Starts with `/` (or is empty); no query or fragment.
    public var path: String

    public init(scheme: String, host: String?, port: Int? = nil, path: String = "") {
        self.scheme = scheme
        self.host = host
        self.port = port
        self.path = path
    }

    /// Nil unless `text` is absolute (`scheme:` …).
    public init?(_ text: String) {
        let trimmed = text.trimmingASCIIWhitespace
        guard let colon = trimmed.firstIndex(of: ":") else { return nil }
        let scheme = trimmed[..<colon].lowercased()
        guard CSPSource.isScheme(scheme) else { return nil }
        self.scheme = scheme
        var rest = trimmed[trimmed.index(after: colon)...]
        guard rest.hasPrefix("//") else {
            host = nil
            port = nil
            path = ""
            return
        }
        rest = rest.dropFirst(2)
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" || $0 == "\\" } ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        var hostPart = authority
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            hostPart = authority[...close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() }
        } else if let colon = authority.lastIndex(of: ":") {
            hostPart = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        }
        guard !hostPart.isEmpty else { return nil }
        host = hostPart.lowercased()
        if let portText, !portText.isEmpty {
            guard portText.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(portText), number <= 65535
            else { return nil }
            port = number == Self.defaultPort(scheme) ? nil : number
        } else {
            port = nil
        }
        let pathAndMore = rest[authorityEnd...]
        let pathEnd = pathAndMore.firstIndex { $0 == "?" || $0 == "#" } ?? pathAndMore.endIndex
        path = String(pathAndMore[..<pathEnd])
    }

    /// 80 for http and ws, 443 for https and wss, 21 for ftp.
    public static func defaultPort(_ scheme: String) -> Int? {
        switch scheme {
        case "http", "ws": return 80
        case "https", "wss": return 443
        case "ftp": return 21
        default: return nil
        }
    }

    /// The port in use: the written one or the scheme's default.
    public var effectivePort: Int? { port ?? Self.defaultPort(scheme) }

    /// `scheme://host[:port]`, or `scheme:` for URLs without a host.
    public var origin: String {
        guard let host else { return scheme + ":" }
        return "\(scheme)://\(host)" + (port.map { ":\($0)" } ?? "")
    }
}
