/// The part every subcommand's `parse` shares: parse against its spec, answer `--help` with its help topic,
/// then build the command from what was parsed.
enum CommandParsing {
    static func parse(
        _ arguments: [String], spec: CommandSpec, help topic: HelpTopic,
        build: (ParsedArguments) throws(UsageError) -> PexdevCommand
    ) -> Result<PexdevCommand, UsageError> {
        let parsed: ParsedArguments
        switch ArgumentParser.parse(arguments, command: spec) {
        case .failure(let error): return .failure(error)
        case .success(let arguments): parsed = arguments
        }
        if parsed.helpRequested { return .success(.help(topic)) }
        return Result { () throws(UsageError) in try build(parsed) }
    }
}
