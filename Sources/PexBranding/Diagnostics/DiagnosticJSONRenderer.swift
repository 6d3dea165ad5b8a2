/// Renders `check --format json`: one JSON document, pretty-printed with two spaces, keys always in this order.
///
/// Schema version 1 (a new version number only for incompatible changes; new keys may be added at the end of
/// an object without one):
///
///     {
///       "version": 1,
///       "root": "webapp2",                 // the branding root as `file` paths start ("." for the current folder)
///       "diagnostics": [
///         {
///           "file": "webapp2/settings.json", // relative to the current directory, or absolute
///           "line": 14,                    // 1-based; null, like the next three, for a whole-file finding
///           "column": 5,                   // 1-based, in Unicode scalars; a tab is one column
///           "endLine": 14,
///           "endColumn": 6,                // exclusive: just past the last character, as in SARIF
///           "severity": "error",           // "error", "warning" or "notice"
///           "code": "PEX201",              // stable rule code
///           "message": "…",
///           "hint": "…"                    // null when there is none
///         }
///       ],
///       "summary": {"errors": 2, "warnings": 2, "notices": 0, "plugins": 3, "files": 4}
///     }
///
/// Strings are escaped as RFC 8259 requires (quote, backslash, control characters); other characters,
/// non-ASCII included, are written as UTF-8. `summary` counts every finding, also those `--quiet` leaves out.
public struct DiagnosticJSONRenderer: Sendable {
    public static let schemaVersion = 1

    public var paths: DisplayPaths

    public init(paths: DisplayPaths) {
        self.paths = paths
    }

    /// The whole document, ending in a newline.
    public func render(_ diagnostics: [Diagnostic], summary: DiagnosticSummary) -> String {
        var output = "{\n"
        output += "  \"version\": \(Self.schemaVersion),\n"
        output += "  \"root\": " + Self.quoted(paths.root) + ",\n"
        if diagnostics.isEmpty {
            output += "  \"diagnostics\": [],\n"
        } else {
            output += "  \"diagnostics\": [\n"
            output += diagnostics.map(object).joined(separator: ",\n") + "\n"
            output += "  ],\n"
        }
        output += "  \"summary\": {\n"
        let counts = [
            ("errors", summary.errors), ("warnings", summary.warnings), ("notices", summary.notices),
            ("plugins", summary.plugins), ("files", summary.files),
        ]
        output += counts.map { "    \"\($0.0)\": \($0.1)" }.joined(separator: ",\n") + "\n"
        output += "  }\n"
        output += "}\n"
        return output
    }

    private func object(_ diagnostic: Diagnostic) -> String {
        let range = diagnostic.range
        let members: [(String, String)] = [
            ("file", Self.quoted(paths.displayPath(file: diagnostic.file))),
            ("line", Self.number(range?.start.line)),
            ("column", Self.number(range?.start.column)),
            ("endLine", Self.number(range?.end.line)),
            ("endColumn", Self.number(range?.end.column)),
            ("severity", Self.quoted(diagnostic.severity.rawValue)),
            ("code", Self.quoted(diagnostic.code)),
            ("message", Self.quoted(diagnostic.message)),
            ("hint", diagnostic.hint.map(Self.quoted) ?? "null"),
        ]
        return "    {\n" + members.map { "      \"\($0.0)\": \($0.1)" }.joined(separator: ",\n") + "\n    }"
    }

    private static func number(_ value: Int?) -> String {
        value.map(String.init) ?? "null"
    }

    /// `text` as a JSON string literal.
    static func quoted(_ text: String) -> String { JSONLiteral.string(text) }
}
