/// The counts behind `check`'s last line: "2 errors, 2 warnings in 3 plugins (4 files)".
public struct DiagnosticSummary: Sendable, Equatable, Encodable {
    public var errors: Int
    public var warnings: Int
    public var notices: Int
    public var plugins: Int
    public var files: Int

    public init(errors: Int, warnings: Int, notices: Int, plugins: Int, files: Int) {
        self.errors = errors
        self.warnings = warnings
        self.notices = notices
        self.plugins = plugins
        self.files = files
    }

    /// Counts `diagnostics` by severity; the plugin and file counts come from the check that produced them.
    public init(diagnostics: [Diagnostic], plugins: Int, files: Int) {
        var counts: [Severity: Int] = [:]
        for diagnostic in diagnostics { counts[diagnostic.severity, default: 0] += 1 }
        self.init(
            errors: counts[.error] ?? 0, warnings: counts[.warning] ?? 0, notices: counts[.notice] ?? 0,
            plugins: plugins, files: files)
    }

    /// The report's findings, its settings.json plugin entries and `filesRead`.
    public init(report: CheckReport) {
        self.init(diagnostics: report.diagnostics, plugins: report.model.plugins.count, files: report.filesRead)
    }

    /// Nothing found at all, not even a notice.
    public var isClean: Bool { errors == 0 && warnings == 0 && notices == 0 }

    /// The summary sentence without a newline. Errors and warnings are always counted once anything is found,
    /// so CI logs can be searched for "0 errors"; notices only when there are some.
    public var line: String {
        let scope = "in " + Self.count(plugins, "plugin") + " (" + Self.count(files, "file") + ")"
        if isClean { return "no problems " + scope }
        var parts = [Self.count(errors, "error"), Self.count(warnings, "warning")]
        if notices > 0 { parts.append(Self.count(notices, "notice")) }
        return parts.joined(separator: ", ") + " " + scope
    }

    /// "1 file", "0 files", "2 files".
    static func count(_ number: Int, _ noun: String) -> String {
        "\(number) " + (number == 1 ? noun : noun + "s")
    }
}
