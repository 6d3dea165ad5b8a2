/// `pexdev package [<path>] [-o <file>]`: its interface, and turning its arguments into `PackageOptions`.
enum PackageCommand {
    static let path = ArgumentSpec(
        name: "path",
        help: "The branding to package: a webapp2/ folder, or a folder that contains one.",
        defaultValue: ".")
    static let output = OptionSpec(
        long: "output", short: "o", kind: .value(placeholder: "file"),
        help: "The ZIP to write.", defaultValue: "branding-<brandingID>.zip in the current folder")
    static let force = OptionSpec(
        long: "force", kind: .flag,
        help: "Package even when the check finds errors (with a warning), and replace an existing <file>.")
    static let noBump = OptionSpec(
        long: "no-bump", kind: .flag,
        help: "Leave manifest.json as it is instead of writing a new brandingID and isSettingsBranded: true.")
    static let quiet = OptionSpec(
        long: "quiet", short: "q", kind: .flag, help: "Print only warnings, errors and the package's file name.")

    static let spec = CommandSpec(
        invocation: "pexdev package",
        helpInvocation: "pexdev help package",
        overview: "Build the branding ZIP to upload in the Management Node (Web App > Web App Branding).",
        discussion: "Runs the same check as 'pexdev check' and refuses on errors. Writes a new brandingID "
            + "(the time in milliseconds, always greater than the current one) and isSettingsBranded: true into "
            + "manifest.json, keeping the rest of the file as it is, so clients drop their cached configuration. "
            + "The ZIP holds a top-level webapp2/ folder and leaves out hidden files, editor leftovers and files "
            + "nothing references (it lists them). The same tree and brandingID always give the same bytes.\n\n"
            + "Examples:\n"
            + "$ pexdev package ./webapp2\n"
            + "$ pexdev package -o dist/branding.zip --force",
        arguments: [path],
        options: [output, force, noBump, quiet, .help],
        environment: [
            .init(name: "NO_COLOR", help: "Set to anything but empty to turn colour off.")
        ]
    )

    static func parse(_ arguments: [String], environment: [String: String]) -> Result<PexdevCommand, UsageError> {
        let parsed: ParsedArguments
        switch ArgumentParser.parse(arguments, command: spec) {
        case .failure(let error): return .failure(error)
        case .success(let arguments): parsed = arguments
        }
        if parsed.helpRequested { return .success(.help(.package)) }
        var options = PackageOptions()
        options.brandingPath = parsed.positionals.first ?? "."
        if let file = parsed.value(output.long) {
            guard !file.isEmpty else {
                return .failure(.invalidValue(file, for: output, expected: "a file name", command: spec))
            }
            options.output = file
        }
        options.force = parsed.contains(force.long)
        options.bump = !parsed.contains(noBump.long)
        options.quiet = parsed.contains(quiet.long)
        return .success(.package(options))
    }
}
