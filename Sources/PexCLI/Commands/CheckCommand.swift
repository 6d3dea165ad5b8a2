/// `pexdev check [<path>]`: its interface, and turning its arguments into `CheckOptions`.
enum CheckCommand {
    static let path = ArgumentSpec(
        name: "path",
        help: "The branding to check: a webapp2/ folder, or a folder that contains one.",
        defaultValue: ".")
    static let format = OptionSpec(
        long: "format", kind: .value(placeholder: "format"),
        help: "How to print the findings: text for people, json for tools (one document, stable schema), "
            + "github for GitHub Actions annotations.",
        defaultValue: CheckOptions.Format.text.rawValue, choices: CheckOptions.Format.allCases.map(\.rawValue))
    static let warningsAsErrors = OptionSpec(
        long: "warnings-as-errors", kind: .flag, help: "Fail (exit 1) on warnings too, not only on errors.")
    static let quiet = OptionSpec(
        long: "quiet", short: "q", kind: .flag,
        help: "Print only the findings that fail the check, and no summary when it passes.")

    static let spec = CommandSpec(
        invocation: "pexdev check",
        helpInvocation: "pexdev help check",
        overview: "Check a Webapp2 branding folder and its plugins for mistakes.",
        discussion: "Reads settings.json, the plugin package files and their scripts, and reports what Webapp2 "
            + "would trip over, compiler style (file:line:column: severity: message), then a summary line.\n\n"
            + "Exit status: 0 when there are no errors (warnings and notices are allowed), 1 when there are "
            + "errors (or warnings, with --warnings-as-errors) or no branding tree at <path>, 64 when the "
            + "command line is wrong.\n\n"
            + "External URLs in plugin sources are checked against the node's default Content-Security-Policy "
            + "(or --csp, and --proxy-csp): a blocked origin or plain http:// is a warning.\n\n"
            + "Examples:\n"
            + "$ pexdev check ./webapp2\n"
            + "$ pexdev check --format github --warnings-as-errors",
        arguments: [path],
        options: [format, warningsAsErrors, CSPArgument.csp, CSPArgument.proxyCSP, quiet, .help],
        environment: [
            .init(name: "NO_COLOR", help: "Set to anything but empty to turn colour off.")
        ]
    )

    static func parse(_ arguments: [String], environment: [String: String]) -> Result<PexdevCommand, UsageError> {
        CommandParsing.parse(arguments, spec: spec, help: .check) { parsed throws(UsageError) in
            .check(try options(from: parsed, environment: environment))
        }
    }

    private static func options(
        from parsed: ParsedArguments, environment: [String: String]
    ) throws(UsageError) -> CheckOptions {
        var options = CheckOptions()
        options.brandingPath = parsed.positionals.first ?? "."
        if let text = parsed.value(format.long) {
            guard let value = CheckOptions.Format(rawValue: text) else { throw invalidFormat(text) }
            options.format = value
        }
        options.warningsAsErrors = parsed.contains(warningsAsErrors.long)
        options.quiet = parsed.contains(quiet.long)
        options.csp = try CSPArgument.settings(from: parsed, command: spec)
        options.environmentAllowsColor = Terminal.usesColor(isTerminal: true, environment: environment)
        return options
    }

    /// Lists the formats, and points at the one meant when it is a near miss (`jsno`, `JSON`).
    private static func invalidFormat(_ text: String) -> UsageError {
        let names = CheckOptions.Format.allCases.map(\.rawValue)
        var expected = "one of " + names.joined(separator: ", ")
        if let suggestion = Suggestion.closest(to: text, among: names) {
            expected += ". Did you mean '\(suggestion)'?"
        }
        return .invalidValue(text, for: format, expected: expected, command: spec)
    }
}
