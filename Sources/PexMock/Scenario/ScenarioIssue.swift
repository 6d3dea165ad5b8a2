public import PexBranding

/// A mistake in a scenario file or a control request body: what, where, how to fix.
public struct ScenarioIssue: Error, Sendable, Equatable {
    public var message: String
    public var hint: String?
    public var range: SourceRange?

    public init(_ message: String, hint: String? = nil, at range: SourceRange?) {
        self.message = message
        self.hint = hint
        self.range = range
    }

    /// As a `check`-style diagnostic for `file`, so the same renderer prints it with an excerpt and caret.
    public func diagnostic(file: String) -> Diagnostic {
        Diagnostic(file: file, range: range, severity: .error, code: "MOCK", message: message, hint: hint)
    }

    /// One line with the position, for HTTP error bodies.
    public var oneLine: String {
        var text = message
        if let range { text = "line \(range.start.line), column \(range.start.column): " + text }
        if let hint { text += " (\(hint))" }
        return text
    }
}

/// Every problem found in one scenario file.
public struct ScenarioIssues: Error, Sendable, Equatable {
    public var issues: [ScenarioIssue]
}
