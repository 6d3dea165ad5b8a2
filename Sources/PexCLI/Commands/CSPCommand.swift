import PexBranding
import PexDevServer

/// `pexdev csp <subcommand>`: the Content-Security-Policy pexdev serves (`show`) and the evaluator that
/// `check` and the violation reports use (`check`).
enum CSPCommand {
    static let spec = CommandSpec(
        invocation: "pexdev csp",
        helpInvocation: "pexdev help csp",
        overview: "Show the Content-Security-Policy pexdev serves, or test a URL against a policy.",
        options: [.help],
        subcommands: [
            .init(name: "show", help: "Print the active policy, one directive per line, and its assumptions."),
            .init(name: "check", help: "Say whether a policy allows a URL, and by which source expression."),
        ]
    )

    static func parse(_ arguments: [String], environment: [String: String]) -> Result<PexdevCommand, UsageError> {
        guard let first = arguments.first else { return .success(.help(.csp)) }
        let rest = Array(arguments.dropFirst())
        switch first {
        case "show": return CSPShowCommand.parse(rest)
        case "check": return CSPCheckCommand.parse(rest)
        case "-h", "--help": return .success(.help(.csp))
        default:
            if ArgumentParser.looksLikeOption(first) {
                return .failure(ArgumentParser.unknownOption(first, command: spec))
            }
            let suggestion = Suggestion.closest(to: first, among: spec.subcommands.map(\.name))
            let hint = suggestion.map { ". Did you mean '\($0)'?" } ?? ""
            return .failure(UsageError("Unknown subcommand 'csp \(first)'" + hint, command: spec))
        }
    }
}

/// `pexdev csp show [--csp <policy>] [--proxy-csp <policy>] [--csp-report-only]`.
enum CSPShowCommand {
    static let spec = CommandSpec(
        invocation: "pexdev csp show",
        helpInvocation: "pexdev help csp show",
        overview: "Print the Content-Security-Policy 'pexdev serve' would send, one directive per line.",
        discussion: "With no options: the default, modelled on a Conferencing Node, with the assumptions behind "
            + "it. 'pexdev serve' adds report-uri and report-to so violations reach the terminal.",
        options: [CSPArgument.csp, CSPArgument.reportOnly, CSPArgument.proxyCSP, .help]
    )

    static func parse(_ arguments: [String]) -> Result<PexdevCommand, UsageError> {
        CommandParsing.parse(arguments, spec: spec, help: .cspShow) { parsed throws(UsageError) in
            .cspShow(try CSPArgument.settings(from: parsed, command: spec))
        }
    }

    static func render(_ settings: CSPSettings) -> String {
        var out = ""
        let header = settings.reportOnly ? "Content-Security-Policy-Report-Only" : "Content-Security-Policy"
        if let node = settings.node {
            out += "# node policy (\(settings.nodeSource)), sent as \(header):\n"
            out += node.withoutReporting.directives.map { $0.text + ";\n" }.joined()
            if settings.nodeSource == "default" {
                out += ContentSecurityPolicy.nodeDefaultAssumptions.map { "# assumed: \($0)\n" }.joined()
            }
        } else {
            out += "# node policy: off (--csp off)\n"
        }
        if let proxy = settings.proxy {
            out += "# reverse proxy policy (--proxy-csp), sent as a second \(header):\n"
            out += proxy.withoutReporting.directives.map { $0.text + ";\n" }.joined()
        }
        if !settings.policies.isEmpty {
            out +=
                "# pexdev serve adds to each: report-uri \(ContentSecurityPolicy.reportPath); "
                + "report-to \(ContentSecurityPolicy.reportGroup)\n"
        }
        return out
    }
}

/// `pexdev csp check <policy> <url> [--directive <name>] [--self <origin>]`.
enum CSPCheckCommand {
    static let policyArgument = ArgumentSpec(
        name: "policy", help: "The policy, in quotes ('default' for pexdev's default, or a file).")
    static let urlArgument = ArgumentSpec(name: "url", help: "The absolute URL the page would load.")
    static let directive = OptionSpec(
        long: "directive", kind: .value(placeholder: "name"),
        help: "The fetch directive the request falls under: connect-src for fetch, XMLHttpRequest, WebSocket and "
            + "EventSource; img-src, script-src, style-src, font-src, media-src, frame-src…",
        defaultValue: "connect-src")
    static let selfOrigin = OptionSpec(
        long: "self", kind: .value(placeholder: "origin"),
        help: "The page's origin, which 'self' means.", defaultValue: "https://conferencing-node.invalid")

    static let spec = CommandSpec(
        invocation: "pexdev csp check",
        helpInvocation: "pexdev help csp check",
        overview: "Say whether a Content-Security-Policy allows a URL, and by which source expression.",
        discussion: "Exit status: 0 allowed, 1 blocked, 64 when the command line is wrong.\n\n"
            + "Example:\n"
            + "$ pexdev csp check \"default-src 'self'; connect-src 'self' https://*.example.com\" "
            + "https://api.example.com/v1 --directive connect-src",
        arguments: [policyArgument, urlArgument],
        options: [directive, selfOrigin, .help]
    )

    static func parse(_ arguments: [String]) -> Result<PexdevCommand, UsageError> {
        CommandParsing.parse(arguments, spec: spec, help: .cspCheck) { parsed throws(UsageError) in
            .cspCheck(try options(from: parsed))
        }
    }

    private static func options(from parsed: ParsedArguments) throws(UsageError) -> CSPCheckOptions {
        guard parsed.positionals.count == 2 else {
            throw UsageError(
                parsed.positionals.count < 2
                    ? "Missing \(parsed.positionals.isEmpty ? "<policy> and <url>" : "<url>")"
                    : "Unexpected argument '\(parsed.positionals[2])'", command: spec)
        }
        let policyText = parsed.positionals[0]
        let urlText = parsed.positionals[1]
        let policy =
            try CSPArgument.policy(policyText, option: CSPArgument.csp, command: spec, allowKeywords: true).policy
            ?? ContentSecurityPolicy(directives: [])
        guard let url = CSPURL(urlText) else {
            throw UsageError("'\(urlText)' is not an absolute URL (scheme://host/…)", command: spec)
        }
        let name = (parsed.value(directive.long) ?? "connect-src").lowercased()
        guard CSPArgument.knownDirectives.contains(name), name.hasSuffix("-src") else {
            let suggestion = Suggestion.closest(
                to: name, among: CSPArgument.knownDirectives.filter { $0.hasSuffix("-src") })
            throw .invalidValue(
                name, for: directive,
                expected: "a fetch directive such as connect-src"
                    + (suggestion.map { ". Did you mean '\($0)'?" } ?? ""),
                command: spec)
        }
        let origin = parsed.value(selfOrigin.long) ?? "https://conferencing-node.invalid"
        guard let page = CSPURL(origin), page.host != nil else {
            throw .invalidValue(
                origin, for: selfOrigin, expected: "an origin such as https://node.example", command: spec)
        }
        return CSPCheckOptions(policy: policy, url: url, urlText: urlText, directive: name, selfOrigin: page)
    }

    static func run(_ options: CSPCheckOptions, console: Console) -> Int32 {
        let verdict = CSPEvaluator.evaluate(
            options.url, directive: options.directive, policy: options.policy, selfOrigin: options.selfOrigin)
        var text = "\(verdict.allowed ? "allowed" : "blocked"): \(options.urlText) — \(verdict.explanation)\n"
        if !verdict.allowed {
            text +=
                "allow it with: "
                + CSPEvaluator.suggestion(for: options.url, verdict: verdict, policy: options.policy) + "\n"
        }
        console.standardOutput.write(text)
        return verdict.allowed ? ExitStatus.success : ExitStatus.failure
    }
}

/// `pexdev csp check`'s arguments, checked.
struct CSPCheckOptions: Sendable, Equatable {
    var policy: ContentSecurityPolicy
    var url: CSPURL
    var urlText: String
    var directive: String
    var selfOrigin: CSPURL
}
