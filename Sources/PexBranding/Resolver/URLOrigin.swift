/// The origin (`scheme://host[:port]`, lower-cased) of absolute http, https, ws and wss URLs: what a CSP
/// source expression names.
enum URLOrigin {
    static let schemes = ["https://", "http://", "wss://", "ws://"]

    /// nil for relative URLs, other schemes, and URLs whose host is not written out (`'https://' + host`).
    static func origin(of url: String) -> String? {
        let lower = url.lowercased()
        guard let scheme = schemes.first(where: { lower.hasPrefix($0) }) else { return nil }
        var authority = lower.dropFirst(scheme.count).prefix { $0 != "/" && $0 != "?" && $0 != "#" && $0 != "\\" }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        let allowed = authority.unicodeScalars.allSatisfy { scalar in
            ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || "-.:[]_".unicodeScalars.contains(scalar)
                || scalar.value > 0x7F
        }
        guard !authority.isEmpty, allowed, authority.first != ":", authority.first != "." else { return nil }
        return scheme + authority
    }
}
