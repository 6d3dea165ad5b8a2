import PexBranding
import PexDevServer

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The `--csp`, `--csp-report-only` and `--proxy-csp` options shared by `serve`, `check` and `csp show`, and
/// how their values become policies: `off`, `default`, a file holding a policy, or a policy itself.
enum CSPArgument {
    static let csp = OptionSpec(
        long: "csp", kind: .value(placeholder: "policy"),
        help: "The node's Content-Security-Policy: 'off', 'default' (modelled on a Conferencing Node; see "
            + "'pexdev csp show'), a file holding a policy, or the policy itself in quotes.",
        defaultValue: "default")
    static let reportOnly = OptionSpec(
        long: "csp-report-only", kind: .flag,
        help: "Send the policies as Content-Security-Policy-Report-Only: violations are reported, nothing is "
            + "blocked.")
    static let proxyCSP = OptionSpec(
        long: "proxy-csp", kind: .value(placeholder: "policy"),
        help: "The reverse proxy's policy (a file or the policy in quotes), sent as a second header: the "
            + "browser enforces both, as in production.")

    /// Directives CSP Level 3 and its companions define; anything else is most likely a typo.
    static let knownDirectives: [String] = [
        "default-src", "script-src", "script-src-elem", "script-src-attr", "style-src", "style-src-elem",
        "style-src-attr", "img-src", "font-src", "connect-src", "media-src", "object-src", "frame-src",
        "child-src", "worker-src", "manifest-src", "prefetch-src", "base-uri", "form-action", "frame-ancestors",
        "navigate-to", "sandbox", "report-uri", "report-to", "upgrade-insecure-requests",
        "block-all-mixed-content", "require-trusted-types-for", "trusted-types", "fenced-frame-src",
        "webrtc",
    ]

    /// The settings from parsed options (`--csp` default: the node default).
    static func settings(from parsed: ParsedArguments, command: CommandSpec) throws(UsageError) -> CSPSettings {
        var settings = CSPSettings()
        if let text = parsed.value(csp.long) {
            let (policy, source) = try policy(text, option: csp, command: command, allowKeywords: true)
            settings.node = policy
            settings.nodeSource = source
        }
        if let text = parsed.value(proxyCSP.long) {
            settings.proxy = try policy(text, option: proxyCSP, command: command, allowKeywords: false).policy
        }
        settings.reportOnly = parsed.contains(reportOnly.long)
        if settings.reportOnly && settings.node == nil && settings.proxy == nil {
            throw UsageError("'--csp-report-only' needs a policy, but --csp is off", command: command)
        }
        return settings
    }

    /// `off` → nil, `default` → the node default, an existing file → its policy (`#` lines are comments),
    /// anything with a space or `;` → the policy itself.
    static func policy(
        _ text: String, option: OptionSpec, command: CommandSpec, allowKeywords: Bool
    ) throws(UsageError) -> (policy: ContentSecurityPolicy?, source: String) {
        if allowKeywords && text == "off" { return (nil, "off") }
        if allowKeywords && text == "default" { return (.nodeDefault, "default") }
        var policyText = text
        var source = "\(option.spelledLong)"
        // A readable regular file (folders read as nil) holds the policy; anything else must be a policy itself.
        if let data = FileManager.default.contents(atPath: text) {
            guard data.count <= 64 * 1024 else {
                throw UsageError("The policy file '\(text)' is over 64 KiB", command: command)
            }
            policyText = String(decoding: data, as: UTF8.self).split(separator: "\n")
                .filter { !$0.trimmingBlanks().hasPrefix("#") }.joined(separator: " ")
            source = text
        } else if !text.contains(" ") && !text.contains(";") {
            let what = allowKeywords ? "'off', 'default', a policy file or a policy" : "a policy file or a policy"
            throw .invalidValue(text, for: option, expected: what + " (no such file)", command: command)
        }
        let policy = ContentSecurityPolicy(parsing: policyText)
        guard !policy.directives.isEmpty else {
            throw UsageError("The policy given to \(option.spelledLong) has no directives", command: command)
        }
        for directive in policy.directives where !knownDirectives.contains(directive.name) {
            let suggestion = Suggestion.closest(to: directive.name, among: knownDirectives)
            throw UsageError(
                "Unknown CSP directive '\(directive.name)' in \(option.spelledLong)"
                    + (suggestion.map { ". Did you mean '\($0)'?" } ?? ""), command: command)
        }
        return (policy, source)
    }
}
