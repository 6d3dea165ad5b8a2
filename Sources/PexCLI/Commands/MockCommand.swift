import PexDevServer

/// `pexdev mock`: the mock Infinity node alone (for another client, scripts, or a compose stack).
enum MockCommand {
    static let defaultPort = 8081

    static let port = OptionSpec(
        long: "port", short: "p", kind: .value(placeholder: "port"),
        help: "The port to listen on; 0 picks any free port.", defaultValue: String(defaultPort),
        environmentVariable: "PEXDEV_MOCK_PORT")

    static let spec = CommandSpec(
        invocation: "pexdev mock",
        helpInvocation: "pexdev help mock",
        overview: "Run the mock Pexip Infinity node (client REST API v2) on its own.",
        discussion: "Serves /api/client/v2/conferences/<alias>/… and the control API under /__pexdev/mock/ "
            + "until Ctrl-C. 'pexdev serve' includes the same mock on its own port.",
        arguments: [],
        options: [
            port, ServeCommand.host, ServeCommand.allowHost, ServeCommand.scenario, ServeCommand.quiet,
            ServeCommand.verbose, .help,
        ],
        environment: [
            .init(name: "PEXDEV_MOCK_PORT", help: "The port when --port is not given."),
            .init(name: ServeCommand.hostVariable, help: "The address when --host is not given."),
            .init(
                name: ServeCommand.allowHostsVariable,
                help: "Host names to accept, comma-separated, when --allow-host is not given."),
            .init(name: ServeCommand.scenarioVariable, help: "The scenario file when --scenario is not given."),
            .init(name: "PEXDEV_QUIET", help: "1, true or yes for --quiet (0, false, no: off)."),
            .init(name: "PEXDEV_VERBOSE", help: "1, true or yes for --verbose (0, false, no: off)."),
        ]
    )

    static func parse(_ arguments: [String], environment: [String: String]) -> Result<PexdevCommand, UsageError> {
        CommandParsing.parse(arguments, spec: spec, help: .mock) { parsed throws(UsageError) in
            .mock(try options(from: parsed, environment: environment))
        }
    }

    private static func options(from parsed: ParsedArguments, environment: [String: String]) throws(UsageError)
        -> MockOptions
    {
        var options = MockOptions()
        options.port =
            try ServeCommand.setting(
                port, parsed, environment, expected: ServeCommand.portExpectation, command: spec,
                convert: ServeCommand.portNumber) ?? defaultPort
        options.host =
            try ServeCommand.setting(
                ServeCommand.host, parsed, environment, expected: "an address", command: spec,
                convert: ServeCommand.plausibleName) ?? ServeCommand.defaultHost
        options.allowedHosts = try ServeCommand.allowedHosts(parsed, environment, command: spec)
        options.scenarioPath = try ServeCommand.setting(
            ServeCommand.scenario, parsed, environment, expected: "a file", command: spec,
            convert: ServeCommand.plausibleName)
        options.verbosity = try ServeCommand.verbosity(parsed, environment, command: spec)
        return options
    }

    static func run(_ options: MockOptions, console: Console) -> Int32 {
        let log = TerminalLog(
            verbosity: options.verbosity, colored: console.colorsStandardError, output: console.standardError)
        let signals = ShutdownSignals { systemExitNow(ExitStatus.interrupted) }
        var configuration = MockServer.Configuration()
        configuration.host = options.host
        configuration.port = options.port
        configuration.allowedHosts = options.allowedHosts
        configuration.accessLog = options.verbosity == .verbose
        if let path = options.scenarioPath {
            guard let scenario = ScenarioFile.load(path, console: console, log: log) else { return ExitStatus.failure }
            configuration.scenario = scenario
            configuration.scenarioSource = path
        }
        let server: MockServer
        do {
            server = try MockServer(configuration: configuration, log: log)
            try server.start()
        } catch {
            log.log(.error, error.description)
            if let hint = error.hint { console.standardError.write("  hint: \(hint)\n") }
            return ExitStatus.failure
        }
        for line in server.bannerLines { console.standardOutput.write(line + "\n") }
        signals.wait()
        log.log(.info, "stopping…")
        server.stop()
        return ExitStatus.success
    }
}

/// `pexdev mock`'s settings.
struct MockOptions: Sendable, Equatable {
    var host = ServeCommand.defaultHost
    var port = MockCommand.defaultPort
    var allowedHosts: [String] = []
    var scenarioPath: String?
    var verbosity = Verbosity.normal
}
