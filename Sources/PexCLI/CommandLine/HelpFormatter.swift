/// Renders a command's help in swift-argument-parser's layout: OVERVIEW, USAGE, ARGUMENTS, OPTIONS,
/// SUBCOMMANDS, ENVIRONMENT, with descriptions in a column at 26.
enum HelpFormatter {
    static let labelColumn = 26
    static let sectionIndent = 2

    static func render(_ command: CommandSpec) -> String {
        var blocks: [[String]] = []
        blocks.append(TextWrapping.wrap(text: "OVERVIEW: " + command.overview, indent: 0))
        if let discussion = command.discussion {
            blocks.append(TextWrapping.wrap(text: discussion, indent: 0))
        }
        blocks.append(
            TextWrapping.usageLines(prefix: "USAGE: ", invocation: command.invocation, tokens: command.usageTokens))
        if !command.arguments.isEmpty {
            blocks.append(section("ARGUMENTS:", command.arguments.map { ($0.placeholder, $0.helpText) }))
        }
        blocks.append(section("OPTIONS:", command.options.map { ($0.helpLabel, $0.helpText) }))
        if !command.subcommands.isEmpty {
            blocks.append(section("SUBCOMMANDS:", command.subcommands.map { ($0.name, $0.help) }))
            blocks.append(["  See '\(command.helpInvocation) <subcommand>' for detailed help."])
        }
        if !command.environment.isEmpty {
            blocks.append(section("ENVIRONMENT:", command.environment.map { ($0.name, $0.help) }))
        }
        return blocks.map { $0.joined(separator: "\n") }.joined(separator: "\n\n") + "\n"
    }

    private static func section(_ title: String, _ entries: [(label: String, text: String)]) -> [String] {
        [title] + entries.flatMap { element(label: $0.label, text: $0.text) }
    }

    /// One labelled entry: the text starts in the label column, or on the next line when the label is too wide.
    static func element(label: String, text: String) -> [String] {
        let indentedLabel = String(repeating: " ", count: sectionIndent) + label
        guard !text.isEmpty else { return [indentedLabel] }
        let words = text.split(separator: " ").map(String.init)
        if indentedLabel.count < labelColumn {
            let padded = indentedLabel + String(repeating: " ", count: labelColumn - indentedLabel.count)
            return TextWrapping.wrap(words, firstLinePrefix: padded, indent: labelColumn)
        }
        let margin = String(repeating: " ", count: labelColumn)
        return [indentedLabel] + TextWrapping.wrap(words, firstLinePrefix: margin, indent: labelColumn)
    }
}
