/// `pexdev serve [<path>]`: its interface, and turning its arguments into `ServeOptions`.
enum ServeCommand {
    static let defaultPort = 8080
    static let defaultHost = "127.0.0.1"
    static let portVariable = "PEXDEV_PORT"
    static let hostVariable = "PEXDEV_HOST"
    static let brandingVariable = "PEXDEV_BRANDING"
    static let allowHostsVariable = "PEXDEV_ALLOW_HOSTS"

    static let path = ArgumentSpec(
        name: "path",
        help: "The branding to serve: a webapp2/ folder, or a folder that contains one.",
        defaultValue: ".", environmentVariable: brandingVariable)
    static let port = OptionSpec(
        long: "port", short: "p", kind: .value(placeholder: "port"),
        help: "The port to listen on; 0 picks any free port.",
        defaultValue: String(defaultPort), environmentVariable: portVariable)
    static let host = OptionSpec(
        long: "host", kind: .value(placeholder: "address"),
        help: "The address to listen on. Anything but loopback makes your plugins reachable from the network.",
        defaultValue: defaultHost, environmentVariable: hostVariable)
    static let allowHost = OptionSpec(
        long: "allow-host", kind: .value(placeholder: "name"),
        help: "Also accept requests whose Host header is <name>, e.g. behind a proxy or a LAN name. "
            + "Loopback names are always accepted. Repeatable; replaces the variable's comma-separated list.",
        environmentVariable: allowHostsVariable, isRepeatable: true)
    static let followSymlinks = OptionSpec(
        long: "follow-symlinks", kind: .flag,
        help: "Serve files that symlinks lead to outside the branding folder.",
        environmentVariable: "PEXDEV_FOLLOW_SYMLINKS")
    static let scenario = OptionSpec(
        long: "scenario", kind: .value(placeholder: "file"),
        help: "A mock-node scenario (JSON): conferences, participants and a timeline of events. "
            + "Default: the built-in conference 'meet'.",
        environmentVariable: scenarioVariable)
    static let scenarioVariable = "PEXDEV_SCENARIO"
    static let strictBranding = OptionSpec(
        long: "strict-branding", kind: .flag,
        help: "Behave like production: reload nothing until manifest.json's brandingID changes; the shell lists "
            + "the changes held back.",
        environmentVariable: "PEXDEV_STRICT_BRANDING")
    static let bumpBrandingID = OptionSpec(
        long: "bump-branding-id", kind: .flag,
        help: "Write a new brandingID into manifest.json (atomically, formatting kept) whenever the tree changes, "
            + "so the shell reloads as production clients would after an upload.",
        environmentVariable: "PEXDEV_BUMP_BRANDING_ID")
    static let poll = OptionSpec(
        long: "poll", kind: .value(placeholder: "ms"),
        help: "Watch the folder by polling every <ms> milliseconds instead of inotify (for bind mounts that do "
            + "not deliver file events, e.g. Docker on macOS).",
        environmentVariable: "PEXDEV_POLL")
    static let devShell = OptionSpec(
        long: "dev-shell", kind: .flag,
        help: "Serve the browser shell from the Public/ folder of a pexdev checkout (or $PEXDEV_PUBLIC_DIR) "
            + "instead of the copy built into pexdev, to work on the shell itself.",
        environmentVariable: "PEXDEV_DEV_SHELL")
    static let quiet = OptionSpec(
        long: "quiet", short: "q", kind: .flag, help: "Print only warnings and errors.",
        environmentVariable: "PEXDEV_QUIET")
    static let verbose = OptionSpec(
        long: "verbose", short: "v", kind: .flag, help: "Also print one line per request.",
        environmentVariable: "PEXDEV_VERBOSE")

    static let spec = CommandSpec(
        invocation: "pexdev serve",
        helpInvocation: "pexdev help serve",
        overview: "Serve a Webapp2 branding folder and its plugins for local development.",
        discussion: "Prints the URL to open, then serves until Ctrl-C.",
        arguments: [path],
        options: [
            port, host, allowHost, followSymlinks, scenario, strictBranding, bumpBrandingID, poll, CSPArgument.csp,
            CSPArgument.reportOnly, CSPArgument.proxyCSP,
        ] + NodeArgument.options + [devShell, quiet, verbose, .help],
        environment: [
            .init(name: brandingVariable, help: "The branding folder when <path> is not given, e.g. /branding."),
            .init(name: portVariable, help: "The port when --port is not given."),
            .init(name: hostVariable, help: "The address when --host is not given, e.g. 0.0.0.0 in a container."),
            .init(
                name: allowHostsVariable,
                help: "Host names to accept, comma-separated, when --allow-host is not given."),
            .init(name: scenarioVariable, help: "The scenario file when --scenario is not given."),
            .init(name: "PEXDEV_POLL", help: "Poll every <ms> milliseconds when --poll is not given."),
            .init(name: "PEXDEV_FOLLOW_SYMLINKS", help: "1, true or yes for --follow-symlinks (0, false, no: off)."),
            .init(name: "PEXDEV_STRICT_BRANDING", help: "1, true or yes for --strict-branding (0, false, no: off)."),
            .init(name: "PEXDEV_BUMP_BRANDING_ID", help: "1, true or yes for --bump-branding-id (0, false, no: off)."),
            .init(name: "PEXDEV_DEV_SHELL", help: "1, true or yes for --dev-shell (0, false, no: off)."),
            .init(name: "PEXDEV_PUBLIC_DIR", help: "The shell folder for --dev-shell."),
            .init(name: "PEXDEV_QUIET", help: "1, true or yes for --quiet (0, false, no: off)."),
            .init(name: "PEXDEV_VERBOSE", help: "1, true or yes for --verbose (0, false, no: off)."),
        ] + NodeArgument.environment + [
            .init(name: "NO_COLOR", help: "Set to anything but empty to turn colour off.")
        ]
    )

    static func parse(_ arguments: [String], environment: [String: String]) -> Result<PexdevCommand, UsageError> {
        CommandParsing.parse(arguments, spec: spec, help: .serve) { parsed throws(UsageError) in
            .serve(try options(from: parsed, environment: environment))
        }
    }

    private static func options(
        from parsed: ParsedArguments, environment: [String: String]
    ) throws(UsageError) -> ServeOptions {
        var options = ServeOptions()
        if let path = parsed.positionals.first {
            options.brandingPath = path
        } else if let path = try environmentValue(
            brandingVariable, environment, expected: "a folder", convert: plausibleName)
        {
            options.brandingPath = path
        }
        options.port =
            try setting(port, parsed, environment, expected: portExpectation, convert: portNumber) ?? defaultPort
        options.host =
            try setting(host, parsed, environment, expected: "an address", convert: plausibleName) ?? defaultHost
        options.allowedHosts = try allowedHosts(parsed, environment)
        options.followSymlinks = try flagSetting(followSymlinks, parsed, environment)
        options.devShell = try flagSetting(devShell, parsed, environment)
        options.strictBranding = try flagSetting(strictBranding, parsed, environment)
        options.bumpBrandingID = try flagSetting(bumpBrandingID, parsed, environment)
        options.pollMilliseconds = try setting(
            poll, parsed, environment, expected: "a number of milliseconds, 20-60000",
            convert: { text in Int(text).flatMap { (20...60_000).contains($0) ? $0 : nil } })
        options.scenarioPath = try setting(scenario, parsed, environment, expected: "a file", convert: plausibleName)
        options.csp = try CSPArgument.settings(from: parsed, command: spec)
        options.proxy = try NodeArgument.configuration(parsed, environment, scenarioGiven: options.scenarioPath != nil)
        options.verbosity = try verbosity(parsed, environment)
        return options
    }

    /// The option's value, else its environment variable's, else nil for the default. Flags win so a container's
    /// PEXDEV_PORT can be overridden by hand; an empty variable counts as unset.
    static func setting<Value>(
        _ option: OptionSpec, _ parsed: ParsedArguments, _ environment: [String: String], expected: String,
        command: CommandSpec = spec, convert: (String) -> Value?
    ) throws(UsageError) -> Value? {
        if let text = parsed.value(option.long) {
            guard let value = convert(text) else {
                throw .invalidValue(text, for: option, expected: expected, command: command)
            }
            return value
        }
        guard let variable = option.environmentVariable else { return nil }
        return try environmentValue(variable, environment, expected: expected, command: command, convert: convert)
    }

    static let portExpectation = "a port number 0-65535"

    /// Decimal digits only (no sign, no spaces), 0...65535.
    static func portNumber(_ text: String) -> Int? {
        guard !text.isEmpty, text.count <= 5, text.allSatisfy(\.isASCII), text.allSatisfy(\.isNumber),
            let number = Int(text), number <= 65535
        else { return nil }
        return number
    }

    /// Real resolution is the server's job; this only rejects what cannot be a name at all.
    static func plausibleName(_ text: String) -> String? {
        text.isEmpty || text.contains { $0.isWhitespace } ? nil : text
    }
}
