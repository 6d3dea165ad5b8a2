/// Word wrapping for help and usage, at a fixed width so the text is the same in every terminal and in tests.
enum TextWrapping {
    static let width = 80

    /// Greedy wrap of `tokens` (kept whole, even ones with spaces inside like `[--port <port>]`): the first line
    /// starts with `firstLinePrefix`, later ones with `indent` spaces. A token wider than a line gets its own.
    static func wrap(_ tokens: [String], firstLinePrefix: String, indent: Int, width: Int = width) -> [String] {
        var lines: [String] = []
        var line = firstLinePrefix
        var lineHasToken = false
        for token in tokens {
            if lineHasToken, line.count + 1 + token.count > width {
                lines.append(line)
                line = String(repeating: " ", count: indent)
                lineHasToken = false
            }
            line += (lineHasToken ? " " : "") + token
            lineHasToken = true
        }
        lines.append(line)
        return lines
    }

    /// Wraps prose; each "\n"-separated paragraph starts a new line and empty ones stay empty.
    static func wrap(text: String, indent: Int, width: Int = width) -> [String] {
        let margin = String(repeating: " ", count: indent)
        return text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { paragraph in
            let words = paragraph.split(separator: " ").map(String.init)
            return words.isEmpty ? [""] : wrap(words, firstLinePrefix: margin, indent: indent, width: width)
        }
    }

    /// `Usage: pexdev serve [<path>] ...`, continuation lines lined up after the command name.
    static func usageLines(prefix: String, invocation: String, tokens: [String]) -> [String] {
        let head = prefix + invocation
        if tokens.isEmpty { return [head] }
        return wrap(tokens, firstLinePrefix: head + " ", indent: head.count + 1)
    }
}
