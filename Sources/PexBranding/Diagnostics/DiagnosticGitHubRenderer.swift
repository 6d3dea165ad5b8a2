/// Renders diagnostics as GitHub Actions workflow commands, which the runner turns into annotations on the
/// pull request:
///
///     ::error file=webapp2/settings.json,line=14,col=5,endLine=14,endColumn=5,title=PEX201::trailing comma …
///
/// Paths are relative to the current directory, which in a workflow step is the repository checkout.
/// GitHub's `endColumn` is inclusive (ours is exclusive), and columns may only be given for a range on one
/// line, so a multi-line range names its lines only. The hint goes at the end of the message.
public struct DiagnosticGitHubRenderer: Sendable {
    public var paths: DisplayPaths

    public init(paths: DisplayPaths) {
        self.paths = paths
    }

    /// One workflow command per diagnostic, each ending in "\n".
    public func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(render).joined()
    }

    public func render(_ diagnostic: Diagnostic) -> String {
        var properties = [("file", paths.displayPath(file: diagnostic.file))]
        if let range = diagnostic.range {
            properties.append(("line", String(range.start.line)))
            let oneLine = range.end.line == range.start.line
            if oneLine { properties.append(("col", String(range.start.column))) }
            properties.append(("endLine", String(max(range.end.line, range.start.line))))
            if oneLine {
                properties.append(("endColumn", String(max(range.end.column - 1, range.start.column))))
            }
        }
        properties.append(("title", diagnostic.code))
        var message = diagnostic.message
        if let hint = diagnostic.hint { message += " (hint: " + hint + ")" }
        let list = properties.map { $0.0 + "=" + Self.escapedProperty($0.1) }.joined(separator: ",")
        return "::" + diagnostic.severity.rawValue + " " + list + "::" + Self.escapedData(message) + "\n"
    }

    /// The summary as a plain log line.
    public func render(_ summary: DiagnosticSummary) -> String {
        summary.line + "\n"
    }

    /// Escaping for the message, as the runner (actions/toolkit `escapeData`) undoes it.
    static func escapedData(_ text: String) -> String {
        var result = ""
        for character in text.unicodeScalars {
            switch character {
            case "%": result += "%25"
            case "\r": result += "%0D"
            case "\n": result += "%0A"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }

    /// Escaping for a property value (`escapeProperty`): also `:` and `,`, which would end it.
    static func escapedProperty(_ text: String) -> String {
        var result = ""
        for character in escapedData(text).unicodeScalars {
            switch character {
            case ":": result += "%3A"
            case ",": result += "%2C"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }
}
