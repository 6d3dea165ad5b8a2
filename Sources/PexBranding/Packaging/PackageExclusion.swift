/// A file or folder of the tree left out of the package, and why (printed by `pexdev package`).
public struct PackageExclusion: Sendable, Equatable {
    /// Relative to the branding root; folders end in "/".
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}
