/// A command's interface: what it accepts and how its help and usage read.
struct CommandSpec: Sendable, Equatable {
    /// A line in the SUBCOMMANDS or ENVIRONMENT section.
    struct Entry: Sendable, Equatable {
        var name: String
        var help: String
    }

    /// How the user runs it: `pexdev serve`.
    var invocation: String
    /// How the user gets its help: `pexdev help serve`.
    var helpInvocation: String
    var overview: String
    var discussion: String?
    var arguments: [ArgumentSpec] = []
    var options: [OptionSpec]
    var subcommands: [Entry] = []
    var environment: [Entry] = []

    func option(long name: Substring) -> OptionSpec? {
        options.first { $0.long == name }
    }

    func option(short letter: Character) -> OptionSpec? {
        options.first { $0.short == letter }
    }

    /// What follows the command name in a usage line.
    var usageTokens: [String] {
        if !subcommands.isEmpty { return ["<subcommand>"] }
        return arguments.map(\.usageToken) + options.filter(\.showsInUsage).map(\.usageToken)
    }
}
