extension BrandingChecker {
    /// The origin production serves Webapp2 from, as far as CSP matching cares: an https page on the node.
    public static let productionOrigin = CSPURL(scheme: "https", host: "conferencing-node.invalid")

    /// The CSP rules (PEX701, PEX702) over the external URLs found in plugin sources: each must be allowed by
    /// every enforced policy, and none may be plain http/ws (the node serves the app over https).
    static func cspDiagnostics(_ model: BrandingModel, policies: [(label: String, policy: ContentSecurityPolicy)])
        -> [Diagnostic]
    {
        var list = DiagnosticList()
        var scanned: Set<String> = []
        for plugin in model.plugins {
            guard let source = plugin.source, scanned.insert(source.path).inserted else { continue }
            for reference in source.externalReferences {
                guard let url = CSPURL(reference.url) else { continue }
                let at =
                    reference.range.map { "\(reference.file):\($0.start.line):\($0.start.column)" } ?? reference.file
                if url.scheme == "http" || url.scheme == "ws" {
                    let secure = url.scheme == "http" ? "https" : "wss"
                    list.add(
                        .mixedContent, reference.file, reference.range,
                        "mixed content: \(reference.origin) is plain \(url.scheme):// but Webapp2 is served over"
                            + " https, so browsers block it (used at \(at))",
                        hint: "use \(secure)://\(reference.origin.drop { $0 != "/" }.dropFirst(2))")
                }
                for (label, policy) in policies {
                    let verdict = CSPEvaluator.evaluate(
                        url, directive: reference.directive, policy: policy, selfOrigin: productionOrigin)
                    guard !verdict.allowed else { continue }
                    let which = label == "node" ? "" : " (\(label) policy)"
                    list.add(
                        .cspBlocksOrigin, reference.file, reference.range,
                        "\(reference.directive) does not allow \(reference.origin) used at \(at)\(which)",
                        hint: "the policy must allow it: "
                            + CSPEvaluator.suggestion(for: url, verdict: verdict, policy: policy.withoutReporting))
                }
            }
        }
        return list.sorted()
    }
}
