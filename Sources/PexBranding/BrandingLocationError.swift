/// Why a path given to `serve` is not a branding tree (or a usable branding ZIP), phrased for the terminal.
public struct BrandingLocationError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The broad cause, for exit codes and tests; the wording lives in `description`.
    public enum Reason: Sendable, Equatable {
        case notFound
        case notADirectory
        /// A ZIP that is unsafe, damaged, or holds no branding tree (security.md item 33).
        case invalidArchive
        case permissionDenied
        case unreadable
        case noBrandingTree
    }

    public let reason: Reason
    /// One line naming what was looked for and where.
    public let description: String
    /// What to do about it, when there is something useful to say.
    public let hint: String?

    public init(_ reason: Reason, _ description: String, hint: String? = nil) {
        self.reason = reason
        self.description = description
        self.hint = hint
    }
}
