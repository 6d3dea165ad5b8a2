import PexProxy

/// Node mode's options on `serve`: `--node` replaces the built-in mock with a real Infinity node, `--ca-file` and
/// `--insecure` decide how its certificate is checked, `--real-app` also takes the node's own Webapp2.
enum NodeArgument {
    static let nodeVariable = "PEXDEV_NODE"
    static let node = OptionSpec(
        long: "node", kind: .value(placeholder: "url"),
        help: "Proxy /api/client/ to this Conferencing Node (e.g. https://pexip.example.com) instead of the "
            + "built-in mock. Tokens, PINs and Authorization never appear in logs.",
        environmentVariable: nodeVariable)
    static let caFile = OptionSpec(
        long: "ca-file", kind: .value(placeholder: "pem"),
        help: "Also trust the CA certificates in this PEM file when checking the node's certificate (a private "
            + "or lab CA).",
        environmentVariable: "PEXDEV_CA_FILE")
    static let insecure = OptionSpec(
        long: "insecure", kind: .flag,
        help: "Do not check the node's TLS certificate. Anyone on the way can then read and change the traffic; "
            + "prefer --ca-file.",
        environmentVariable: "PEXDEV_INSECURE")
    static let realApp = OptionSpec(
        long: "real-app", kind: .flag,
        help: "Serve the node's own Webapp2 at /webapp2/ (with your branding in place of the node's) instead of "
            + "pexdev's shell; pexdev adds its reload and CSP script to the app's pages. Needs --node.",
        environmentVariable: "PEXDEV_REAL_APP")
    static let mock = OptionSpec(
        long: "mock", kind: .flag,
        help: "Answer /api/client/ with the built-in mock node (the default without --node).",
        environmentVariable: "PEXDEV_MOCK")

    static let options = [node, caFile, insecure, realApp, mock]

    static let environment: [CommandSpec.Entry] = [
        .init(name: nodeVariable, help: "The node when --node is not given."),
        .init(name: "PEXDEV_CA_FILE", help: "The CA file when --ca-file is not given."),
        .init(name: "PEXDEV_INSECURE", help: "1, true or yes for --insecure (0, false, no: off)."),
        .init(name: "PEXDEV_REAL_APP", help: "1, true or yes for --real-app (0, false, no: off)."),
        .init(name: "PEXDEV_MOCK", help: "1, true or yes for --mock (0, false, no: off)."),
    ]

    /// Node mode's configuration, or nil for the mock; conflicting or orphaned options are usage errors.
    static func configuration(
        _ parsed: ParsedArguments, _ environment: [String: String], scenarioGiven: Bool
    ) throws(UsageError) -> ProxyConfiguration? {
        let command = ServeCommand.spec
        let address = try nodeAddress(parsed, environment, command: command)
        let useMock = try ServeCommand.flagSetting(mock, parsed, environment)
        let caPath = try ServeCommand.setting(
            caFile, parsed, environment, expected: "a file", convert: ServeCommand.plausibleName)
        let skipVerify = try ServeCommand.flagSetting(insecure, parsed, environment)
        let useRealApp = try ServeCommand.flagSetting(realApp, parsed, environment)
        guard let address else {
            for (given, option) in [(caPath != nil, caFile), (skipVerify, insecure), (useRealApp, realApp)] where given
            {
                throw UsageError(
                    "'\(option.synopsis)' needs '--node <url>': it is about the node that the built-in mock replaces",
                    command: command)
            }
            return nil
        }
        if useMock {
            throw UsageError(
                "'--node' and '--mock' cannot be used together: --node replaces the built-in mock with \(address.origin)",
                command: command)
        }
        if scenarioGiven {
            throw UsageError(
                "'--scenario' configures the built-in mock, which '--node' replaces with \(address.origin); use one of them",
                command: command)
        }
        var configuration = ProxyConfiguration(node: address)
        configuration.caFile = caPath
        configuration.insecure = skipVerify
        configuration.realApp = useRealApp
        return configuration
    }

    /// `--node`, else `$PEXDEV_NODE`, parsed; the error says what is wrong with the address.
    private static func nodeAddress(
        _ parsed: ParsedArguments, _ environment: [String: String], command: CommandSpec
    ) throws(UsageError) -> NodeAddress? {
        if let text = parsed.value(node.long) {
            do {
                return try NodeAddress(parsing: text)
            } catch {
                throw UsageError("The value '\(text)' is invalid for '\(node.synopsis)': \(error)", command: command)
            }
        }
        guard let text = environment[nodeVariable], !text.isEmpty else { return nil }
        do {
            return try NodeAddress(parsing: text)
        } catch {
            throw UsageError(
                "The value '\(text)' of the environment variable \(nodeVariable) is invalid: \(error)", command: command
            )
        }
    }
}
