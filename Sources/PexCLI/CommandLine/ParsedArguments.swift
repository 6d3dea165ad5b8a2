/// What the tokenizer found, before a command gives it meaning.
struct ParsedArguments: Sendable, Equatable {
    /// Values by option long name, in the order given.
    var values: [String: [String]] = [:]
    /// Long names of the flags given.
    var flags: Set<String> = []
    var positionals: [String] = []

    /// The last value given for an option: a later `--port` overrides an earlier one.
    func value(_ long: String) -> String? {
        values[long]?.last
    }

    func allValues(_ long: String) -> [String] {
        values[long] ?? []
    }

    func contains(_ flag: String) -> Bool {
        flags.contains(flag)
    }

    var helpRequested: Bool { flags.contains(OptionSpec.help.long) }
}
