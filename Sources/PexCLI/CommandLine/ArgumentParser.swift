/// Splits a command's arguments into options, flags and positionals against its `CommandSpec`.
///
/// Accepts `--port 80`, `--port=80`, `-p 80`, grouped short flags (`-qv` style), and `--` to end options.
/// It only checks shape (known names, values present, argument count); what the values mean is the command's
/// business.
enum ArgumentParser {
    static func parse(_ arguments: [String], command: CommandSpec) -> Result<ParsedArguments, UsageError> {
        // As in swift-argument-parser, asking for help wins over any mistake elsewhere on the line.
        if command.options.contains(.help), arguments.prefix(while: { $0 != "--" }).contains(where: isHelpFlag) {
            return .success(ParsedArguments(flags: [OptionSpec.help.long]))
        }
        var parsed = ParsedArguments()
        var remaining = arguments[...]
        while let token = remaining.popFirst() {
            if token == "--" {
                parsed.positionals += remaining
                break
            }
            let result: UsageError?
            if !looksLikeOption(token) {
                parsed.positionals.append(token)
                result = nil
            } else if token.hasPrefix("--") {
                result = parseLong(token, rest: &remaining, into: &parsed, command: command)
            } else {
                result = parseShort(token, rest: &remaining, into: &parsed, command: command)
            }
            if let result { return .failure(result) }
        }
        if let extra = parsed.positionals.dropFirst(command.arguments.count).first {
            return .failure(unexpectedArgument(extra, command: command))
        }
        return .success(parsed)
    }

    private static func isHelpFlag(_ token: String) -> Bool {
        token == "--help" || token == "-h"
    }

    /// `-1` is a value (or a path), not an option; a lone `-` conventionally means stdin and is positional.
    static func looksLikeOption(_ token: String) -> Bool {
        guard token.hasPrefix("-"), token.count >= 2 else { return false }
        let second = token[token.index(after: token.startIndex)]
        return !second.isNumber
    }

    private static func parseLong(
        _ token: String, rest: inout ArraySlice<String>, into parsed: inout ParsedArguments, command: CommandSpec
    ) -> UsageError? {
        let name: Substring
        let inlineValue: String?
        if let equals = token.firstIndex(of: "=") {
            name = token[..<equals]
            inlineValue = String(token[token.index(after: equals)...])
        } else {
            name = token[...]
            inlineValue = nil
        }
        guard let option = command.option(long: name.dropFirst(2)) else {
            return unknownOption(String(name), command: command)
        }
        if !option.takesValue {
            guard inlineValue == nil else {
                return UsageError("The flag '\(option.spelledLong)' does not take a value", command: command)
            }
            parsed.flags.insert(option.long)
            return nil
        }
        guard let value = inlineValue ?? takeValue(from: &rest) else {
            return .missingValue(for: option, command: command)
        }
        parsed.values[option.long, default: []].append(value)
        return nil
    }

    /// `-v`, `-p 80`, or a group like `-qv` where only the last letter may take a value.
    private static func parseShort(
        _ token: String, rest: inout ArraySlice<String>, into parsed: inout ParsedArguments, command: CommandSpec
    ) -> UsageError? {
        let letters = Array(token.dropFirst())
        var options: [OptionSpec] = []
        for (position, letter) in letters.enumerated() {
            guard let option = command.option(short: letter), !option.takesValue || position == letters.count - 1
            else {
                // `-port` is more likely `--port` with a dash missing than `-p ort`.
                return unknownOption(token, command: command)
            }
            options.append(option)
        }
        for option in options {
            if option.takesValue {
                guard let value = takeValue(from: &rest) else {
                    return .missingValue(for: option, command: command)
                }
                parsed.values[option.long, default: []].append(value)
            } else {
                parsed.flags.insert(option.long)
            }
        }
        return nil
    }

    /// The next argument as an option's value, unless it is itself an option (then the value is missing).
    private static func takeValue(from rest: inout ArraySlice<String>) -> String? {
        guard let next = rest.first, next != "--", !looksLikeOption(next) else { return nil }
        return rest.popFirst()
    }

    static func unknownOption(_ name: String, command: CommandSpec) -> UsageError {
        let suggestion = Suggestion.closest(to: name, among: command.options.map(\.spelledLong))
        return .unknownOption(name, suggestion: suggestion, command: command)
    }

    private static func unexpectedArgument(_ argument: String, command: CommandSpec) -> UsageError {
        let takes: String
        switch command.arguments.count {
        case 0: takes = "takes no arguments"
        case 1: takes = "takes one " + command.arguments[0].placeholder
        default: takes = "takes at most \(command.arguments.count) arguments"
        }
        return UsageError("Unexpected argument '\(argument)' ('\(command.invocation)' \(takes))", command: command)
    }
}
