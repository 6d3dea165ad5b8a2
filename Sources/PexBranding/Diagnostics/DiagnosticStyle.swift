/// The ANSI styles of the text renderer, in the colours compilers use for the same parts.
enum DiagnosticStyle: String, Sendable {
    case path = "\u{1B}[1m"
    case error = "\u{1B}[1;31m"
    case warning = "\u{1B}[1;33m"
    case notice = "\u{1B}[1;36m"
    case marker = "\u{1B}[1;32m"

    static let reset = "\u{1B}[0m"

    init(_ severity: Severity) {
        switch severity {
        case .error: self = .error
        case .warning: self = .warning
        case .notice: self = .notice
        }
    }

    /// `text` wrapped in this style when `enabled`, otherwise unchanged.
    func apply(to text: String, enabled: Bool) -> String {
        enabled && !text.isEmpty ? rawValue + text + Self.reset : text
    }
}
