#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The command tree the completion scripts describe, read from `HelpTopic.allCases` and each `CommandSpec`.
enum CompletionsModel {
    /// One command: its words after `pexdev` ("" for pexdev itself, "new plugin"), and what it accepts.
    struct Command {
        var path: String
        var spec: CommandSpec
        /// Subcommand names and summaries; for `help`, the commands it explains.
        var subcommands: [CommandSpec.Entry]
    }

    static func commands() -> [Command] {
        var commands = HelpTopic.allCases.map { topic -> Command in
            let spec = topic.command
            let path = spec.invocation.split(separator: " ").dropFirst().joined(separator: " ")
            return Command(path: path, spec: spec, subcommands: spec.subcommands)
        }
        // `help` has no spec of its own: it takes a subcommand name.
        let topics = RootCommand.spec.subcommands.filter { $0.name != "help" }
        commands.append(
            Command(
                path: "help",
                spec: CommandSpec(
                    invocation: "pexdev help", helpInvocation: "pexdev help", overview: "Show help for a subcommand.",
                    options: []),
                subcommands: topics))
        return commands
    }

    /// The first sentence of a help text, for the one-line descriptions shells show.
    static func summary(_ help: String) -> String {
        var text = help
        var searchFrom = text.startIndex
        while let end = text[searchFrom...].firstRange(of: ". ") {
            let before = text[..<end.lowerBound]
            // "e.g. Docker" does not end a sentence.
            if before.hasSuffix("e.g") || before.hasSuffix("i.e") {
                searchFrom = end.upperBound
                continue
            }
            text = String(before)
            break
        }
        // A parenthesis the cut left open is dropped whole.
        if let open = text.lastIndex(of: "("), !text[open...].contains(")") {
            text = text[..<open].trimmingBlanks()
        }
        while text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// Value placeholders that name a path on disk.
    static func takesPath(_ option: OptionSpec) -> Bool {
        guard case .value(let placeholder) = option.kind else { return false }
        return ["file", "path", "directory"].contains(placeholder)
    }

    /// All the spellings of an option: `-p --port`.
    static func spellings(_ option: OptionSpec) -> [String] {
        [option.spelledShort, option.spelledLong].compactMap { $0 }
    }
}
