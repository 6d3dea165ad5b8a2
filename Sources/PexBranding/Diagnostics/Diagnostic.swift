/// How bad a finding is. Errors stop `pexdev package` and make `check` exit 1; warnings do so only with
/// `--warnings-as-errors`; notices are advice.
public enum Severity: String, Sendable, Equatable, Comparable, Codable, CaseIterable {
    case notice, warning, error

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }

    private var rank: Int {
        switch self {
        case .notice: return 0
        case .warning: return 1
        case .error: return 2
        }
    }
}

/// One finding about the branding tree, compiler style: where, how bad, which rule, what, and how to fix it.
public struct Diagnostic: Sendable, Equatable, Hashable, Codable {
    /// Path relative to the branding root (the `webapp2/` folder), `/`-separated, e.g. `settings.json`.
    public var file: String
    /// Where in the file; nil for whole-file findings (a missing file, an unreferenced file).
    public var range: SourceRange?
    public var severity: Severity
    /// Stable rule code, e.g. `PEX201`; documented in the README's rule table.
    public var code: String
    public var message: String
    public var hint: String?

    public init(
        file: String, range: SourceRange?, severity: Severity, code: String, message: String, hint: String? = nil
    ) {
        self.file = file
        self.range = range
        self.severity = severity
        self.code = code
        self.message = message
        self.hint = hint
    }
}
