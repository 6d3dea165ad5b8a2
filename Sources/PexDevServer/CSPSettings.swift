public import PexBranding

/// The Content-Security-Policy `pexdev serve` sends (spec §9): the node's policy (`--csp`), optionally
/// report-only (`--csp-report-only`), and the reverse proxy's (`--proxy-csp`), each as its own header so the
/// browser enforces both, as in production.
public struct CSPSettings: Sendable, Equatable {
    /// nil: no node policy (`--csp off`).
    public var node: ContentSecurityPolicy?
    /// The reverse proxy's policy, sent as a second header.
    public var proxy: ContentSecurityPolicy?
    /// Send `Content-Security-Policy-Report-Only` instead: violations are reported, nothing is blocked.
    public var reportOnly: Bool
    /// Where the node policy came from, for the banner: `default`, `off`, a file path or `--csp`.
    public var nodeSource: String

    public init(
        node: ContentSecurityPolicy? = .nodeDefault, proxy: ContentSecurityPolicy? = nil, reportOnly: Bool = false,
        nodeSource: String = "default"
    ) {
        self.node = node
        self.proxy = proxy
        self.reportOnly = reportOnly
        self.nodeSource = nodeSource
    }

    public static let off = CSPSettings(node: nil, nodeSource: "off")

    /// The enforced (or report-only) policies by label, without pexdev's reporting directives.
    public var policies: [(label: String, policy: ContentSecurityPolicy)] {
        var out: [(label: String, policy: ContentSecurityPolicy)] = []
        if let node { out.append(("node", node.withoutReporting)) }
        if let proxy { out.append(("proxy", proxy.withoutReporting)) }
        return out
    }

    /// The response headers: one CSP header per policy, each reporting to pexdev, plus `Reporting-Endpoints`.
    public var headers: [(name: String, value: String)] {
        let policies = self.policies
        guard !policies.isEmpty else { return [] }
        let name = reportOnly ? "Content-Security-Policy-Report-Only" : "Content-Security-Policy"
        var out = policies.map { (name: name, value: $0.policy.reportingToPexdev.headerValue) }
        out.append(
            (
                "Reporting-Endpoints",
                "\(ContentSecurityPolicy.reportGroup)=\"\(ContentSecurityPolicy.reportPath)\""
            ))
        return out
    }

    /// The banner line's text.
    public var summary: String {
        var parts: [String] = []
        if node != nil {
            parts.append("node policy (\(nodeSource))")
        }
        if proxy != nil { parts.append("proxy policy") }
        guard !parts.isEmpty else { return "off" }
        return parts.joined(separator: " + ") + (reportOnly ? ", report-only" : ", enforced")
            + "; violations are reported to \(ContentSecurityPolicy.reportPath)"
    }
}
