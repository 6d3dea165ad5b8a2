/// A parsed Content-Security-Policy (CSP Level 3 §2.2): directives in order, names lower-cased, the first
/// of a repeated directive winning as browsers do.
public struct ContentSecurityPolicy: Sendable, Equatable, Hashable, Codable {
    /// One directive: its name and source list (or other values, e.g. `report-uri`'s URLs), as written.
    public struct Directive: Sendable, Equatable, Hashable, Codable {
        public var name: String
        public var values: [String]

        public init(name: String, values: [String]) {
            self.name = name
            self.values = values
        }

        /// `name value value`, as in a header.
        public var text: String { ([name] + values).joined(separator: " ") }
    }

    public var directives: [Directive]

    public init(directives: [Directive]) {
        self.directives = directives
    }

    /// Parses a header value: `;`-separated directives, whitespace-separated tokens; empty directives and
    /// repeated names are ignored (the browser keeps the first).
    public init(parsing text: String) {
        var seen: Set<String> = []
        var directives: [Directive] = []
        for part in text.split(separator: ";", omittingEmptySubsequences: true) {
            let tokens = part.split(whereSeparator: {
                $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{0C}"
            })
            .map(String.init)
            guard let first = tokens.first else { continue }
            let name = first.lowercased()
            guard !seen.contains(name) else { continue }
            seen.insert(name)
            directives.append(Directive(name: name, values: Array(tokens.dropFirst())))
        }
        self.directives = directives
    }

    /// The directive named `name`, if present.
    public func directive(_ name: String) -> Directive? {
        directives.first { $0.name == name }
    }

    /// The header value: directives joined with `; `.
    public var headerValue: String { directives.map(\.text).joined(separator: "; ") }

    /// A copy with `name` set to `values` (replacing it, or appended).
    public func setting(_ name: String, _ values: [String]) -> ContentSecurityPolicy {
        var copy = self
        if let index = copy.directives.firstIndex(where: { $0.name == name }) {
            copy.directives[index].values = values
        } else {
            copy.directives.append(Directive(name: name, values: values))
        }
        return copy
    }

    /// A copy without the reporting directives (`report-uri`, `report-to`), e.g. to show the policy's rules.
    public var withoutReporting: ContentSecurityPolicy {
        ContentSecurityPolicy(directives: directives.filter { $0.name != "report-uri" && $0.name != "report-to" })
    }

    /// Fetch directives and the directives they fall back to (CSP3 §6.8.3 "Get the effective directive" and
    /// "directive fallback list"), most specific first.
    public static func fallbackList(for directive: String) -> [String] {
        switch directive {
        case "script-src-elem": return ["script-src-elem", "script-src", "default-src"]
        case "script-src-attr": return ["script-src-attr", "script-src", "default-src"]
        case "style-src-elem": return ["style-src-elem", "style-src", "default-src"]
        case "style-src-attr": return ["style-src-attr", "style-src", "default-src"]
        case "worker-src": return ["worker-src", "child-src", "script-src", "default-src"]
        case "frame-src": return ["frame-src", "child-src", "default-src"]
        case "child-src": return ["child-src", "default-src"]
        case "connect-src", "font-src", "img-src", "manifest-src", "media-src", "object-src", "script-src",
            "style-src", "prefetch-src":
            return [directive, "default-src"]
        default: return [directive]
        }
    }

    /// Directives that do not fall back to default-src.
    public static let nonFetchDirectives: Set<String> = [
        "base-uri", "form-action", "frame-ancestors", "navigate-to", "report-uri", "report-to", "sandbox",
        "upgrade-insecure-requests", "block-all-mixed-content", "require-trusted-types-for", "trusted-types",
    ]

    /// The directive that governs `directive` in this policy (itself or a fallback), or nil: not restricted.
    public func governingDirective(for directive: String) -> Directive? {
        for name in Self.fallbackList(for: directive) {
            if let found = self.directive(name) { return found }
        }
        return nil
    }
}
