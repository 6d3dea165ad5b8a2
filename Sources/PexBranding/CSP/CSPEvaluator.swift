#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What a policy says about one URL for one directive.
public struct CSPVerdict: Sendable, Equatable {
    public var allowed: Bool
    /// The directive asked about (`connect-src`).
    public var directive: String
    /// The directive that decided: itself, a fallback such as `default-src`, or nil when none restricts it.
    public var governingDirective: String?
    /// The source expression that matched, as written (`https://*.example.com`), when allowed by one.
    public var matchedSource: String?

    /// One line: `allowed by connect-src https://*.example.com` / `blocked by default-src`.
    public var explanation: String {
        guard let governing = governingDirective else { return "allowed: no \(directive) or fallback in the policy" }
        if allowed { return "allowed by \(governing) \(matchedSource ?? "")" }
        return "blocked by \(governing)"
            + (governing == directive ? "" : " (the fallback for \(directive))")
    }
}

/// CSP Level 3 URL matching (§6.7.2 "Matching source expressions"): pure, shared by `check`, `csp check`
/// and the report formatter.
public enum CSPEvaluator {
    /// Whether `policy` lets a page at `selfOrigin` load `url` under `directive`.
    public static func evaluate(
        _ url: CSPURL, directive: String, policy: ContentSecurityPolicy, selfOrigin: CSPURL
    ) -> CSPVerdict {
        let directive = directive.lowercased()
        guard let governing = policy.governingDirective(for: directive) else {
            return CSPVerdict(allowed: true, directive: directive, governingDirective: nil, matchedSource: nil)
        }
        let sources = governing.values.map(CSPSource.init)
        // 'strict-dynamic' makes script-src ignore host and scheme sources (CSP3 §8.2) and 'self'.
        let strictDynamic =
            ["script-src", "script-src-elem", "default-src"].contains(governing.name)
            && sources.contains(.keyword("'strict-dynamic'")) && directive.hasPrefix("script-src")
        if !strictDynamic {
            for (token, source) in zip(governing.values, sources)
            where matches(url, source, selfOrigin: selfOrigin) {
                return CSPVerdict(
                    allowed: true, directive: directive, governingDirective: governing.name, matchedSource: token)
            }
        }
        return CSPVerdict(allowed: false, directive: directive, governingDirective: governing.name, matchedSource: nil)
    }

    /// Whether one source expression matches `url` for a page at `selfOrigin` (no redirects).
    public static func matches(_ url: CSPURL, _ source: CSPSource, selfOrigin: CSPURL) -> Bool {
        switch source {
        case .wildcard:
            // Any network scheme, or the page's own; never data:, blob: or filesystem:.
            return ["http", "https", "ws", "wss", "ftp"].contains(url.scheme) || url.scheme == selfOrigin.scheme
        case .scheme(let scheme):
            return schemeMatches(scheme, url.scheme)
        case .host(let scheme, let host, let port, let path):
            guard let urlHost = url.host else { return false }
            if let scheme {
                guard schemeMatches(scheme, url.scheme) else { return false }
            } else {
                guard schemeMatches(selfOrigin.scheme, url.scheme) else { return false }
            }
            guard hostMatches(host, urlHost) else { return false }
            guard portMatches(port, url) else { return false }
            return pathMatches(path, url.path)
        case .self:
            guard let urlHost = url.host, urlHost == selfOrigin.host else { return false }
            if url.scheme == selfOrigin.scheme && url.effectivePort == selfOrigin.effectivePort { return true }
            let portsAgree =
                url.effectivePort == selfOrigin.effectivePort || (url.port == nil && selfOrigin.port == nil)
            guard portsAgree else { return false }
            return url.scheme == "https" || url.scheme == "wss" || (selfOrigin.scheme == "http" && url.scheme == "ws")
        case .none, .keyword, .nonce, .hash, .invalid:
            return false
        }
    }

    /// Scheme-part matching (§6.7.2.9): equal, or an upgrade (http→https, ws→wss/http/https, wss→https).
    static func schemeMatches(_ expression: String, _ url: String) -> Bool {
        let a = expression.lowercased()
        if a == url { return true }
        switch a {
        case "http": return url == "https"
        case "ws": return ["wss", "http", "https"].contains(url)
        case "wss": return url == "https"
        default: return false
        }
    }

    /// Host-part matching (§6.7.2.10): `*` any host; `*.example.com` strict subdomains; else equal.
    static func hostMatches(_ expression: String, _ host: String) -> Bool {
        let a = expression.hasSuffix(".") ? String(expression.dropLast()) : expression
        let b = host.hasSuffix(".") ? String(host.dropLast()) : host
        if a == "*" { return true }
        if a.hasPrefix("*.") {
            return b.hasSuffix(String(a.dropFirst())) && b.count > a.count - 1
        }
        return a == b
    }

    /// Port-part matching (§6.7.2.11): `*` any; absent means the URL's scheme's default port.
    static func portMatches(_ expression: String?, _ url: CSPURL) -> Bool {
        guard let expression else {
            // No port in the expression: only the default port of the URL's scheme (http://x covers https://x:443).
            return url.port == nil
        }
        if expression == "*" { return true }
        return Int(expression) == url.effectivePort
    }

    /// Path-part matching (§6.7.2.12): a path ending in `/` is a prefix, otherwise exact; segments compared
    /// after percent-decoding.
    static func pathMatches(_ expression: String?, _ path: String) -> Bool {
        guard let expression, !expression.isEmpty else { return true }
        if expression == "/" && path.isEmpty { return true }
        let exact = !expression.hasSuffix("/")
        var a = expression.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let b = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if exact && a.count != b.count { return false }
        if !exact { a.removeLast() }
        guard a.count <= b.count else { return false }
        for (x, y) in zip(a, b) where percentDecoded(x) != percentDecoded(y) { return false }
        return true
    }

    static func percentDecoded(_ text: String) -> String {
        PercentDecoding.decode(text) ?? text
    }

    /// Whether inline code (`onclick=…` for `script-src-attr`, `<style>` / `style=` for the style
    /// directives) may run: 'unsafe-inline' counts only when no nonce or hash is listed (CSP3 §6.7.3.3).
    public static func allowsInline(directive: String, policy: ContentSecurityPolicy) -> Bool {
        guard let governing = policy.governingDirective(for: directive) else { return true }
        let sources = governing.values.map(CSPSource.init)
        let hasNonceOrHash = sources.contains {
            switch $0 {
            case .nonce, .hash: return true
            case .keyword(let word): return word == "'strict-dynamic'"
            default: return false
            }
        }
        return sources.contains(.keyword("'unsafe-inline'")) && !hasNonceOrHash
    }

    /// The directive to add so `url` would be allowed: the governing source list plus the URL's origin,
    /// under the directive asked about (`connect-src 'self' https://api.example.com`).
    public static func suggestion(for url: CSPURL, verdict: CSPVerdict, policy: ContentSecurityPolicy) -> String {
        var values = policy.governingDirective(for: verdict.directive)?.values ?? []
        values.removeAll { $0.lowercased() == "'none'" }
        let addition = url.host == nil ? url.scheme + ":" : url.origin
        if !values.contains(addition) { values.append(addition) }
        return ([verdict.directive] + values).joined(separator: " ")
    }
}
