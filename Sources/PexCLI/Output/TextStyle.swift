/// The few ANSI styles the CLI uses, in the colours compilers use for the same prefixes.
enum TextStyle: String, Sendable {
    case error = "\u{1B}[1;31m"
    case warning = "\u{1B}[1;33m"
    case dim = "\u{1B}[2m"

    static let reset = "\u{1B}[0m"

    /// `text` wrapped in this style when `enabled`, otherwise unchanged.
    func apply(to text: String, enabled: Bool) -> String {
        enabled ? rawValue + text + TextStyle.reset : text
    }
}
