/// One source expression of a source list (CSP3 §2.3.1), classified.
public enum CSPSource: Sendable, Equatable, Hashable {
    /// `'self'`
    case `self`
    /// `'none'` (only meaningful alone)
    case none
    /// `*`: any URL whose scheme is http(s), ws(s) or the page's own (CSP3 §6.7.2.8 step 1).
    case wildcard
    /// `https:`, `data:`, `blob:`…
    case scheme(String)
    /// `[scheme://]host[:port][/path]`; host may start with `*.`; port may be `*`.
    case host(scheme: String?, host: String, port: String?, path: String?)
    /// `'unsafe-inline'`, `'unsafe-eval'`, `'strict-dynamic'`, `'unsafe-hashes'`, `'wasm-unsafe-eval'`,
    /// `'report-sample'`, `'inline-speculation-rules'`: keywords that never match a URL.
    case keyword(String)
    /// `'nonce-…'`: matches elements carrying the nonce, never a URL.
    case nonce(String)
    /// `'sha256-…'` (and 384, 512): matches inline content by hash, never a URL.
    case hash(algorithm: String, value: String)
    /// Anything else (a typo such as `self` without quotes parses as a host; this is for the unparsable).
    case invalid(String)

    static let keywords: Set<String> = [
        "'unsafe-inline'", "'unsafe-eval'", "'strict-dynamic'", "'unsafe-hashes'", "'wasm-unsafe-eval'",
        "'report-sample'", "'unsafe-allow-redirects'", "'inline-speculation-rules'",
    ]

    /// Classifies one token of a source list.
    public init(_ token: String) {
        let lower = token.lowercased()
        if lower == "'self'" {
            self = .self
        } else if lower == "'none'" {
            self = .none
        } else if lower == "*" {
            self = .wildcard
        } else if Self.keywords.contains(lower) {
            self = .keyword(lower)
        } else if lower.hasPrefix("'nonce-") && lower.hasSuffix("'") && token.count > 8 {
            self = .nonce(String(token.dropFirst(7).dropLast()))
        } else if let hash = Self.hash(token) {
            self = hash
        } else if let scheme = Self.schemeSource(lower) {
            self = .scheme(scheme)
        } else if let host = Self.hostSource(token) {
            self = host
        } else {
            self = .invalid(token)
        }
    }

    private static func hash(_ token: String) -> CSPSource? {
        let lower = token.lowercased()
        for algorithm in ["sha256", "sha384", "sha512"] where lower.hasPrefix("'\(algorithm)-") && lower.hasSuffix("'")
        {
            let value = token.dropFirst(algorithm.count + 2).dropLast()
            guard !value.isEmpty else { return nil }
            return .hash(algorithm: algorithm, value: String(value))
        }
        return nil
    }

    /// `scheme-source = scheme-part ":"`; scheme-part = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ).
    private static func schemeSource(_ lower: String) -> String? {
        guard lower.hasSuffix(":"), lower.count > 1 else { return nil }
        let scheme = String(lower.dropLast())
        return isScheme(scheme) ? scheme : nil
    }

    static func isScheme(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "+" || $0 == "-" || $0 == "."
        }
    }

    /// `host-source = [ scheme-part "://" ] host-part [ ":" port-part ] [ path-part ]`.
    private static func hostSource(_ token: String) -> CSPSource? {
        var rest = Substring(token)
        var scheme: String?
        if let range = rest.firstRange(of: "://") {
            let candidate = rest[..<range.lowerBound].lowercased()
            guard isScheme(candidate) else { return nil }
            scheme = candidate
            rest = rest[range.upperBound...]
        }
        let hostEnd = rest.firstIndex { $0 == ":" || $0 == "/" } ?? rest.endIndex
        let host = rest[..<hostEnd].lowercased()
        rest = rest[hostEnd...]
        guard isHostPart(host) else { return nil }
        var port: String?
        if rest.first == ":" {
            let portEnd = rest.firstIndex(of: "/") ?? rest.endIndex
            let digits = String(rest[rest.index(after: rest.startIndex)..<portEnd])
            guard digits == "*" || (!digits.isEmpty && digits.allSatisfy(\.isASCII) && digits.allSatisfy(\.isNumber))
            else { return nil }
            port = digits
            rest = rest[portEnd...]
        }
        let path = rest.isEmpty ? nil : String(rest)
        if let path, path.contains(";") || path.contains(",") { return nil }
        return .host(scheme: scheme, host: host, port: port, path: path)
    }

    /// `host-part = "*" / [ "*." ] 1*host-char *( "." 1*host-char ) [ "." ]`.
    private static func isHostPart(_ host: String) -> Bool {
        if host == "*" { return true }
        var name = Substring(host)
        if name.hasPrefix("*.") { name = name.dropFirst(2) }
        if name.hasSuffix(".") { name = name.dropLast() }
        guard !name.isEmpty else { return false }
        return name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            !label.isEmpty
                && label.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        }
    }

    /// True for sources that can match a URL (everything but keywords, nonces, hashes and the invalid).
    public var matchesURLs: Bool {
        switch self {
        case .self, .wildcard, .scheme, .host: return true
        case .none, .keyword, .nonce, .hash, .invalid: return false
        }
    }
}
