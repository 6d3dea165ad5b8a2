/// `pexdev` itself: picks the subcommand, and answers `--help`, `help [<subcommand>]` and `--version`.
enum RootCommand {
    static let version = OptionSpec(long: "version", kind: .flag, help: "Show the version.", showsInUsage: false)

    static let spec = CommandSpec(
        invocation: "pexdev",
        helpInvocation: "pexdev help",
        overview: "A local development server for Pexip Infinity Connect Webapp2 plugins.",
        options: [version, .help],
        subcommands: [
            .init(name: "serve", help: "Serve a Webapp2 branding folder and its plugins."),
            .init(name: "check", help: "Check a Webapp2 branding folder and its plugins."),
            .init(name: "mock", help: "Run the mock Pexip Infinity node on its own."),
            .init(name: "health", help: "Check that a running pexdev answers (exit 0 or 1)."),
            .init(name: "package", help: "Build the branding ZIP for the Management Node."),
            .init(name: "init", help: "Create a new branding folder."),
            .init(name: "new", help: "Add a new plugin to a branding folder."),
            .init(name: "csp", help: "Show the CSP served, or test a URL against a policy."),
            .init(name: "completions", help: "Print a shell completion script (bash, zsh, fish)."),
            .init(name: "help", help: "Show help for a subcommand."),
        ]
    )

    static func parse(_ arguments: [String], environment: [String: String]) -> Result<PexdevCommand, UsageError> {
        guard let first = arguments.first else {
            // As swift-argument-parser does for a command that only groups subcommands.
            return .success(.help(.root))
        }
        let rest = Array(arguments.dropFirst())
        switch first {
        case "-h", "--help": return .success(.help(.root))
        case version.spelledLong: return .success(.version)
        case "help": return parseHelp(rest)
        case "serve": return ServeCommand.parse(rest, environment: environment)
        case "check": return CheckCommand.parse(rest, environment: environment)
        case "mock": return MockCommand.parse(rest, environment: environment)
        case "health": return HealthCommand.parse(rest, environment: environment)
        case "package": return PackageCommand.parse(rest, environment: environment)
        case "init": return InitCommand.parse(rest)
        case "new": return NewCommand.parse(rest, environment: environment)
        case "csp": return CSPCommand.parse(rest, environment: environment)
        case "completions": return CompletionsCommand.parse(rest)
        default: break
        }
        if ArgumentParser.looksLikeOption(first) {
            return .failure(unknownOption(first))
        }
        return .failure(unknownSubcommand(first))
    }

    /// `pexdev help`, `pexdev help serve`, `pexdev help new plugin`.
    private static func parseHelp(_ topic: [String]) -> Result<PexdevCommand, UsageError> {
        guard let name = topic.first else { return .success(.help(.root)) }
        if topic.count == 2, name == "new", topic[1] == "plugin" { return .success(.help(.newPlugin)) }
        if topic.count == 2, name == "csp", topic[1] == "show" { return .success(.help(.cspShow)) }
        if topic.count == 2, name == "csp", topic[1] == "check" { return .success(.help(.cspCheck)) }
        if let extra = topic.dropFirst().first {
            return .failure(UsageError("Unexpected argument '\(extra)'", command: spec))
        }
        switch name {
        case "serve": return .success(.help(.serve))
        case "check": return .success(.help(.check))
        case "mock": return .success(.help(.mock))
        case "health": return .success(.help(.health))
        case "package": return .success(.help(.package))
        case "init": return .success(.help(.initialize))
        case "new": return .success(.help(.new))
        case "csp": return .success(.help(.csp))
        case "completions": return .success(.help(.completions))
        case "help": return .success(.help(.root))
        default: return .failure(unknownSubcommand(name))
        }
    }

    /// `pexdev --port 80` forgot the subcommand: point at `pexdev serve --port` rather than at `--version`
    /// (and `pexdev --format json` at `pexdev check --format`).
    private static func unknownOption(_ token: String) -> UsageError {
        let name = String(token.prefix { $0 != "=" })
        let owner = [ServeCommand.spec, CheckCommand.spec, PackageCommand.spec].first { command in
            command.options.contains { $0.spelledLong == name || $0.spelledShort == name }
        }
        if let owner {
            return .unknownOption(name, suggestion: "\(owner.invocation) \(name)", command: spec)
        }
        return ArgumentParser.unknownOption(name, command: spec)
    }

    private static func unknownSubcommand(_ name: String) -> UsageError {
        var suggestion = Suggestion.closest(to: name, among: spec.subcommands.map(\.name))
        if suggestion == nil, name == "." || name.contains("/") {
            // A path where the subcommand goes: they most likely meant to serve it.
            suggestion = "pexdev serve \(name)"
        }
        let hint = suggestion.map { ". Did you mean '\($0)'?" } ?? ""
        return UsageError("Unknown subcommand '\(name)'" + hint, command: spec)
    }

    static func run(_ command: PexdevCommand, console: Console) -> Int32 {
        switch command {
        case .help(let topic):
            console.standardOutput.write(HelpFormatter.render(topic.command))
            return ExitStatus.success
        case .version:
            console.standardOutput.write("pexdev \(PexdevVersion.current)\n")
            return ExitStatus.success
        case .serve(let options):
            return ServeCommand.run(options, console: console)
        case .check(let options):
            return CheckCommand.run(options, console: console)
        case .mock(let options):
            return MockCommand.run(options, console: console)
        case .health(let options):
            return HealthCommand.run(options, console: console)
        case .package(let options):
            return PackageCommand.run(options, console: console)
        case .initialize(let options):
            return InitCommand.run(options, console: console)
        case .newPlugin(let options):
            return NewPluginCommand.run(options, console: console)
        case .cspShow(let settings):
            console.standardOutput.write(CSPShowCommand.render(settings))
            return ExitStatus.success
        case .cspCheck(let options):
            return CSPCheckCommand.run(options, console: console)
        case .completions(let shell):
            console.standardOutput.write(CompletionsCommand.script(for: shell))
            return ExitStatus.success
        }
    }
}
