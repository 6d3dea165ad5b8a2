/// `pexdev completions <shell>`: prints a completion script built from the commands' own specs, so it lists
/// exactly the subcommands, options and values that the parser accepts.
enum CompletionsCommand {
    static let shell = ArgumentSpec(
        name: "shell", help: "The shell: bash, zsh or fish.", choices: CompletionsShell.allCases.map(\.rawValue))

    static let spec = CommandSpec(
        invocation: "pexdev completions",
        helpInvocation: "pexdev help completions",
        overview: "Print a shell completion script for pexdev's subcommands, options and values.",
        discussion: "Examples:\n"
            + "$ pexdev completions bash > ~/.local/share/bash-completion/completions/pexdev\n"
            + "$ pexdev completions zsh > \"${fpath[1]}/_pexdev\"\n"
            + "$ pexdev completions fish > ~/.config/fish/completions/pexdev.fish",
        arguments: [shell],
        options: [.help]
    )

    static func parse(_ arguments: [String]) -> Result<PexdevCommand, UsageError> {
        let parsed: ParsedArguments
        switch ArgumentParser.parse(arguments, command: spec) {
        case .failure(let error): return .failure(error)
        case .success(let arguments): parsed = arguments
        }
        if parsed.helpRequested { return .success(.help(.completions)) }
        guard let name = parsed.positionals.first else {
            return .failure(UsageError("Missing expected argument '\(shell.placeholder)'", command: spec))
        }
        guard let chosen = CompletionsShell(rawValue: name) else {
            let names = CompletionsShell.allCases.map(\.rawValue)
            let suggestion = Suggestion.closest(to: name, among: names).map { ". Did you mean '\($0)'?" } ?? ""
            return .failure(
                UsageError(
                    "The value '\(name)' is invalid for '\(shell.placeholder)': expected one of "
                        + names.joined(separator: ", ") + suggestion, command: spec))
        }
        return .success(.completions(chosen))
    }

    static func script(for shell: CompletionsShell) -> String {
        let commands = CompletionsModel.commands()
        switch shell {
        case .bash: return CompletionsBash.script(commands)
        case .zsh: return CompletionsZsh.script(commands)
        case .fish: return CompletionsFish.script(commands)
        }
    }
}
