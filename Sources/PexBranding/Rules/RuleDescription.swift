/// One rule of `pexdev check`: a stable code, its severity, what it finds and the usual fix. `all` is the
/// table the README is generated from.
public struct RuleDescription: Sendable, Equatable, Hashable, Codable {
    /// `PEX` and three digits; the first digit names the area (0 JSON, 1 manifest, 2 settings, 3 package,
    /// 4 references, 5 source, 6 tree, 7 CSP).
    public let code: String
    public let severity: Severity
    /// What the rule finds, as a short phrase for the table.
    public let title: String
    /// The usual fix, for the table (each diagnostic carries a hint of its own).
    public let hint: String

    public init(code: String, severity: Severity, title: String, hint: String) {
        self.code = code
        self.severity = severity
        self.title = title
        self.hint = hint
    }
}
