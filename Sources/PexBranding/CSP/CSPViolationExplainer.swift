#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Turns a violation report into what the developer needs: which plugin (by the source file the browser
/// names), where, what was blocked, and the directive that would allow it.
public struct CSPViolationExplainer: Sendable {
    /// Plugin ids by source path relative to the branding root (`plugins/weather/weather.plugin.js`).
    public var pluginsBySource: [String: String]
    /// The mount of the branding tree in the served URL space (`/webapp2/custom_configuration/`).
    public var brandingMount: String
    /// The enforced policies by label (`node`, `proxy`), to say which one a report came from.
    public var policies: [(label: String, policy: ContentSecurityPolicy)]

    public init(
        pluginsBySource: [String: String], brandingMount: String,
        policies: [(label: String, policy: ContentSecurityPolicy)]
    ) {
        self.pluginsBySource = pluginsBySource
        self.brandingMount = brandingMount
        self.policies = policies
    }

    /// Plugin ids by source path, from a resolved model.
    public static func pluginsBySource(_ model: BrandingModel) -> [String: String] {
        var out: [String: String] = [:]
        for plugin in model.plugins {
            if let path = plugin.source?.path, let id = plugin.effectiveID, out[path] == nil { out[path] = id }
        }
        return out
    }

    /// The explanation of one violation.
    public func explain(_ violation: CSPViolation) -> CSPExplanation {
        var explanation = CSPExplanation(violation: violation)
        if let file = violation.sourceFile, let path = treePath(of: file) {
            explanation.file = path
            explanation.plugin = pluginsBySource[path]
        }
        let directive = violation.directive ?? "default-src"
        explanation.directive = directive
        let policy =
            violation.originalPolicy.map(ContentSecurityPolicy.init(parsing:))
            ?? policies.first?.policy ?? ContentSecurityPolicy(directives: [])
        if let original = violation.originalPolicy {
            let normalised = ContentSecurityPolicy(parsing: original).withoutReporting
            explanation.policyLabel = policies.first { $0.policy.withoutReporting == normalised }?.label
        }
        if let blocked = violation.blockedURL, let url = CSPURL(blocked), url.host != nil || url.scheme != "inline" {
            let verdict = CSPVerdict(
                allowed: false, directive: directive, governingDirective: nil, matchedSource: nil)
            explanation.suggestion = CSPEvaluator.suggestion(
                for: url, verdict: verdict, policy: policy.withoutReporting)
        } else if let blocked = violation.blockedURL, ["inline", "eval"].contains(blocked) {
            let keyword = blocked == "eval" ? "'unsafe-eval'" : "'unsafe-inline'"
            var values = policy.governingDirective(for: directive)?.values ?? []
            values.removeAll { $0.lowercased() == "'none'" }
            if !values.contains(keyword) { values.append(keyword) }
            explanation.suggestion = ([directive] + values).joined(separator: " ")
        }
        return explanation
    }

    /// `http://host/webapp2/custom_configuration/plugins/x/x.plugin.js?q` → `plugins/x/x.plugin.js`.
    func treePath(of url: String) -> String? {
        var path = Substring(url)
        if let parsed = CSPURL(url), parsed.host != nil { path = Substring(parsed.path) }
        if let mark = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<mark] }
        guard path.hasPrefix(brandingMount) else { return nil }
        let relative = String(path.dropFirst(brandingMount.count))
        return PercentDecoding.decode(relative) ?? relative
    }
}

/// A violation, attributed and with its fix.
public struct CSPExplanation: Sendable, Equatable, Codable {
    public var violation: CSPViolation
    /// The plugin whose source file made the request, when known.
    public var plugin: String?
    /// The source file relative to the branding root, when it is in the tree.
    public var file: String?
    public var directive: String = "default-src"
    /// `node` or `proxy`, when the report's policy is one pexdev sent.
    public var policyLabel: String?
    /// The directive that would allow it (`connect-src 'self' https://api.example.com`).
    public var suggestion: String?

    public init(violation: CSPViolation) {
        self.violation = violation
    }

    public var reportOnly: Bool { violation.disposition == "report" }

    /// One terminal line: `csp: plugin "weather" (plugins/weather/weather.plugin.js:42:9) blocked connect-src
    /// https://api.weather.example — allow it with: connect-src 'self' https://api.weather.example`.
    public var line: String {
        var text = "csp: "
        if let plugin {
            text += "plugin \"\(plugin)\""
            if let place = location { text += " (\(place))" }
        } else if let place = location {
            text += place
        } else if let document = violation.documentURL {
            text += "page \(document)"
        } else {
            text += "page"
        }
        text += reportOnly ? " would be blocked (report-only)" : " blocked"
        text += " \(directive) \(violation.blockedURL ?? "(unknown)")"
        if let label = policyLabel, label != "node" { text += " by the \(label) policy" }
        if let suggestion { text += " — allow it with: \(suggestion)" }
        return text
    }

    private var location: String? {
        guard let file = file ?? violation.sourceFile else { return nil }
        var text = file
        if let line = violation.line {
            text += ":\(line)"
            if let column = violation.column { text += ":\(column)" }
        }
        return text
    }
}
