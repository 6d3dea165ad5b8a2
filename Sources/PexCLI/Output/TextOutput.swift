/// Somewhere the CLI writes text: a standard stream in the real tool, a buffer in tests.
public protocol TextOutput: Sendable {
    /// Writes `text` as given (callers add the newline).
    func write(_ text: String)
}
