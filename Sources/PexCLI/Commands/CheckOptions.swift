import PexBranding
import PexDevServer

/// `pexdev check`'s settings once flags and environment are combined and checked.
struct CheckOptions: Sendable, Equatable {
    /// How findings are printed.
    enum Format: String, Sendable, Equatable, CaseIterable {
        /// Compiler-style lines with source excerpts, for people.
        case text
        /// One JSON document with a stable schema (`DiagnosticJSONRenderer`), for tools.
        case json
        /// GitHub Actions workflow commands, which become annotations on the pull request.
        case github
    }

    var brandingPath = "."
    var format = Format.text
    var warningsAsErrors = false
    var quiet = false
    /// False when NO_COLOR or TERM=dumb asks for plain text; colour also needs stdout to be a terminal.
    var environmentAllowsColor = true
    /// The policies the CSP rules check against (`--csp`, `--proxy-csp`).
    var csp = CSPSettings()

    /// Whether a finding of `severity` makes the check fail (exit 1).
    func fails(_ severity: Severity) -> Bool {
        severity == .error || (warningsAsErrors && severity == .warning)
    }
}
