/// A mistake on the command line: rendered like swift-argument-parser (message, usage, where to read more)
/// and exits with status 64.
struct UsageError: Error, Sendable, Equatable {
    /// The sentence after `Error: `.
    var message: String
    /// The command whose usage is shown with the message.
    var invocation: String
    var usageTokens: [String]
    var helpInvocation: String

    init(_ message: String, command: CommandSpec) {
        self.message = message
        self.invocation = command.invocation
        self.usageTokens = command.usageTokens
        self.helpInvocation = command.helpInvocation
    }

    var exitStatus: Int32 { ExitStatus.usage }

    /// The full text for stderr, ending in a newline.
    var rendered: String {
        let usage = TextWrapping.usageLines(prefix: "Usage: ", invocation: invocation, tokens: usageTokens)
        return "Error: \(message)\n\n" + usage.joined(separator: "\n") + "\n"
            + "  See '\(helpInvocation)' for more information.\n"
    }

    static func unknownOption(_ name: String, suggestion: String?, command: CommandSpec) -> UsageError {
        let hint = suggestion.map { ". Did you mean '\($0)'?" } ?? ""
        return UsageError("Unknown option '\(name)'" + hint, command: command)
    }

    static func missingValue(for option: OptionSpec, command: CommandSpec) -> UsageError {
        UsageError("Missing value for '\(option.synopsis)'", command: command)
    }

    static func invalidValue(
        _ value: String, for option: OptionSpec, expected: String, command: CommandSpec
    ) -> UsageError {
        UsageError("The value '\(value)' is invalid for '\(option.synopsis)': expected \(expected)", command: command)
    }
}
