/// `pexdev new <subcommand>`: groups what `new` makes (a plugin, for now).
enum NewCommand {
    static let spec = CommandSpec(
        invocation: "pexdev new",
        helpInvocation: "pexdev help new",
        overview: "Add something new to a branding folder.",
        options: [.help],
        subcommands: [
            .init(name: "plugin", help: "Add a plugin: its folder, files and settings.json entry.")
        ]
    )

    static func parse(_ arguments: [String], environment: [String: String]) -> Result<PexdevCommand, UsageError> {
        guard let first = arguments.first else { return .success(.help(.new)) }
        switch first {
        case "plugin": return NewPluginCommand.parse(Array(arguments.dropFirst()))
        case "-h", "--help": return .success(.help(.new))
        default:
            if ArgumentParser.looksLikeOption(first) {
                return .failure(ArgumentParser.unknownOption(first, command: spec))
            }
            let suggestion = Suggestion.closest(to: first, among: spec.subcommands.map(\.name))
            let hint = suggestion.map { ". Did you mean '\($0)'?" } ?? ""
            return .failure(UsageError("Unknown subcommand 'new \(first)'" + hint, command: spec))
        }
    }
}
