import Foundation

/// A browser-test failure whose message says what was being done or awaited, so a red test explains itself.
struct BrowserFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }

    /// The one wording for every expired deadline: how long, and for what.
    static func timedOut(after timeout: TimeInterval, waitingFor what: String) -> BrowserFailure {
        BrowserFailure("timed out after \(String(format: "%g", timeout)) s waiting for \(what)")
    }
}
