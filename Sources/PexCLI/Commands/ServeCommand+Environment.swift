/// The `PEXDEV_*` side of serve's (and mock's) options: a container sets them once, a flag on the command line
/// still wins, and a value that cannot be meant is a usage error naming the variable.
extension ServeCommand {
    static let switchExpectation = "1, true, yes, 0, false or no"

    /// A flag given on the command line, else its variable read as a switch, else off.
    static func flagSetting(
        _ option: OptionSpec, _ parsed: ParsedArguments, _ environment: [String: String],
        command: CommandSpec = spec
    ) throws(UsageError) -> Bool {
        if parsed.contains(option.long) { return true }
        guard let variable = option.environmentVariable else { return false }
        return try environmentValue(
            variable, environment, expected: switchExpectation, command: command, convert: switchValue) ?? false
    }

    /// The variable's converted value; nil when unset or empty.
    static func environmentValue<Value>(
        _ variable: String, _ environment: [String: String], expected: String, command: CommandSpec = spec,
        convert: (String) -> Value?
    ) throws(UsageError) -> Value? {
        guard let text = environment[variable], !text.isEmpty else { return nil }
        guard let value = convert(text) else {
            throw UsageError(
                "The value '\(text)' of the environment variable \(variable) is invalid: expected \(expected)",
                command: command)
        }
        return value
    }

    /// `1/true/yes` or `0/false/no`, any case; surrounding spaces (an `.env` file's) do not matter.
    static func switchValue(_ text: String) -> Bool? {
        switch text.trimmingBlanks().lowercased() {
        case "1", "true", "yes": true
        case "0", "false", "no": false
        default: nil
        }
    }

    /// `--allow-host` values if any were given (they replace the variable's list), else PEXDEV_ALLOW_HOSTS split
    /// at commas, blanks around names ignored.
    static func allowedHosts(
        _ parsed: ParsedArguments, _ environment: [String: String], command: CommandSpec = spec
    ) throws(UsageError) -> [String] {
        let given = parsed.allValues(allowHost.long)
        if !given.isEmpty {
            var names: [String] = []
            for name in given {
                guard let name = plausibleName(name) else {
                    throw .invalidValue(name, for: allowHost, expected: "a host name", command: command)
                }
                names.append(name)
            }
            return names
        }
        return try environmentValue(
            allowHostsVariable, environment, expected: "host names separated by commas", command: command,
            convert: hostList) ?? []
    }

    /// `a.example, b.example` → both names; nil when a name has a blank inside or the list names nothing.
    static func hostList(_ text: String) -> [String]? {
        let names = text.split(separator: ",").map { String($0).trimmingBlanks() }.filter { !$0.isEmpty }
        guard !names.isEmpty else { return nil }
        for name in names where plausibleName(name) == nil { return nil }
        return names
    }

    /// `--quiet`/`--verbose` from the command line if either is given, else from PEXDEV_QUIET/PEXDEV_VERBOSE;
    /// both at once is a mistake either way.
    static func verbosity(
        _ parsed: ParsedArguments, _ environment: [String: String], command: CommandSpec = spec
    ) throws(UsageError) -> Verbosity {
        var quietly = parsed.contains(quiet.long)
        var verbosely = parsed.contains(verbose.long)
        if !quietly && !verbosely {
            quietly = try flagSetting(quiet, parsed, environment, command: command)
            verbosely = try flagSetting(verbose, parsed, environment, command: command)
            if quietly && verbosely {
                throw UsageError(
                    "PEXDEV_QUIET and PEXDEV_VERBOSE cannot both be on; set one of them to 0", command: command)
            }
        }
        switch (quietly, verbosely) {
        case (true, true):
            throw UsageError("'\(quiet.spelledLong)' cannot be used with '\(verbose.spelledLong)'", command: command)
        case (true, false): return .quiet
        case (false, true): return .verbose
        case (false, false): return .normal
        }
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs. Foundation's `trimmingCharacters` would link all of
    /// Foundation and ICU (about 40 MB) into the static binary.
    func trimmingBlanks() -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
