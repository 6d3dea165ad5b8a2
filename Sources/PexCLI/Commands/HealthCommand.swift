import PexSockets

/// `pexdev health`: asks a running pexdev (serve or mock) whether it is up, for container HEALTHCHECKs and
/// scripts. Exit 0 when it answers `{"status":"ok"}` in time, 1 with a one-line reason otherwise.
enum HealthCommand {
    static let path = "/__pexdev/health"
    static let defaultTimeoutMilliseconds = 3000

    static let url = OptionSpec(
        long: "url", kind: .value(placeholder: "url"),
        help: "The server to ask, e.g. http://127.0.0.1:8080 (instead of --host and --port).")
    static let port = OptionSpec(
        long: "port", short: "p", kind: .value(placeholder: "port"), help: "The port pexdev listens on.",
        defaultValue: String(ServeCommand.defaultPort), environmentVariable: ServeCommand.portVariable)
    static let host = OptionSpec(
        long: "host", kind: .value(placeholder: "address"),
        help: "The address pexdev listens on; 0.0.0.0 and :: mean this machine.",
        defaultValue: ServeCommand.defaultHost, environmentVariable: ServeCommand.hostVariable)
    static let timeout = OptionSpec(
        long: "timeout", kind: .value(placeholder: "ms"),
        help: "How long to wait for the answer, in milliseconds.", defaultValue: String(defaultTimeoutMilliseconds))
    static let quiet = OptionSpec(
        long: "quiet", short: "q", kind: .flag, help: "Print nothing when healthy; the reason still when not.")

    static let spec = CommandSpec(
        invocation: "pexdev health",
        helpInvocation: "pexdev help health",
        overview: "Check that a running pexdev answers (for container health checks).",
        discussion: "GETs \(path) and exits 0 when the answer is 200 {\"status\":\"ok\"}, 1 with the reason "
            + "otherwise (refused, timed out, another status), 64 when the command line is wrong. Reads the same "
            + "PEXDEV_PORT and PEXDEV_HOST as 'pexdev serve', so a container needs no arguments.",
        arguments: [],
        options: [url, port, host, timeout, quiet, .help],
        environment: [
            .init(name: ServeCommand.portVariable, help: "The port when neither --port nor --url is given."),
            .init(name: ServeCommand.hostVariable, help: "The address when neither --host nor --url is given."),
        ]
    )

    static func parse(_ arguments: [String], environment: [String: String]) -> Result<PexdevCommand, UsageError> {
        CommandParsing.parse(arguments, spec: spec, help: .health) { parsed throws(UsageError) in
            .health(try options(from: parsed, environment: environment))
        }
    }

    private static func options(
        from parsed: ParsedArguments, environment: [String: String]
    ) throws(UsageError) -> HealthOptions {
        var options = HealthOptions()
        options.quiet = parsed.contains(quiet.long)
        if let text = parsed.value(timeout.long) {
            guard let milliseconds = Int(text), (1...600_000).contains(milliseconds) else {
                throw .invalidValue(text, for: timeout, expected: "milliseconds, 1-600000", command: spec)
            }
            options.timeoutMilliseconds = milliseconds
        }
        if let text = parsed.value(url.long) {
            for option in [port, host] where parsed.value(option.long) != nil {
                throw UsageError("'\(url.spelledLong)' cannot be used with '\(option.spelledLong)'", command: spec)
            }
            guard let (host, port) = hostAndPort(ofURL: text) else {
                throw .invalidValue(
                    text, for: url, expected: "http://<host>[:<port>] (optionally ending in \(path))", command: spec)
            }
            (options.host, options.port) = (host, port)
            return options
        }
        options.port =
            try ServeCommand.setting(
                port, parsed, environment, expected: ServeCommand.portExpectation, command: spec,
                convert: ServeCommand.portNumber) ?? ServeCommand.defaultPort
        options.host =
            try ServeCommand.setting(
                host, parsed, environment, expected: "an address", command: spec,
                convert: ServeCommand.plausibleName) ?? ServeCommand.defaultHost
        return options
    }

    /// `http://host[:port]` with an empty path, `/`, or the health path itself; port 80 when none is given.
    static func hostAndPort(ofURL text: String) -> (host: String, port: Int)? {
        let scheme = "http://"
        guard text.lowercased().hasPrefix(scheme) else { return nil }
        var rest = Substring(text.dropFirst(scheme.count))
        let pathStart = rest.firstIndex(of: "/") ?? rest.endIndex
        let pathPart = rest[pathStart...]
        guard ["", "/", path, path + "/"].contains(String(pathPart)) else { return nil }
        rest = rest[..<pathStart]
        guard !rest.isEmpty, !rest.contains("@"), !rest.contains(where: \.isWhitespace) else { return nil }
        var host = rest
        var port = 80
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { return nil }
            host = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":"), let number = ServeCommand.portNumber(String(after.dropFirst())) else {
                    return nil
                }
                port = number
            }
        } else if let colon = rest.lastIndex(of: ":") {
            host = rest[..<colon]
            guard let number = ServeCommand.portNumber(String(rest[rest.index(after: colon)...])) else { return nil }
            port = number
        }
        guard !host.isEmpty else { return nil }
        return (String(host), port)
    }

    static func run(_ options: HealthOptions, console: Console) -> Int32 {
        ignoreBrokenPipeSignal()
        if let reason = HealthProbe.check(options) {
            console.standardError.write("error: \(options.url): \(reason)\n")
            return ExitStatus.failure
        }
        if !options.quiet { console.standardOutput.write("ok: \(options.url)\n") }
        return ExitStatus.success
    }
}
