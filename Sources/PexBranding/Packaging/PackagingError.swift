/// Why `pexdev package` wrote nothing (or, for `.manifestNotUpdated`, wrote the package but not the manifest).
public struct PackagingError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The check found errors that would stop the plugins loading; `diagnostics` lists them.
        case checkFailed
        /// The path is a ZIP already.
        case alreadyAnArchive
        case outputExists
        case outputIsFolder
        /// manifest.json cannot be edited (or is missing with --no-bump).
        case manifest
        /// Too many or too large files for a package pexdev itself would accept.
        case tooLarge
        case fileSystem
    }

    public var kind: Kind
    public var message: String
    public var hint: String?
    /// For `.checkFailed`: the errors, and the whole report for the summary line.
    public var diagnostics: [Diagnostic] = []
    public var report: CheckReport?

    public init(_ kind: Kind, _ message: String, hint: String? = nil) {
        self.kind = kind
        self.message = message
        self.hint = hint
    }

    public var description: String { message }
}
