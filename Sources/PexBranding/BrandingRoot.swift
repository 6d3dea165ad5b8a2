/// A located branding tree: the `webapp2/` folder that `serve` publishes at `/webapp2/custom_configuration/`.
public struct BrandingRoot: Sendable, Equatable {
    /// Absolute real path of the `webapp2/` folder (symlinks resolved, no trailing slash).
    public let directory: String
    /// The path as the user typed it, for the banner; "." becomes the current folder's name.
    public let displayName: String
    /// The parsed `manifest.json`, or nil when the tree has none (fine locally, fatal for an upload).
    public let manifest: Manifest?

    public init(directory: String, displayName: String, manifest: Manifest?) {
        self.directory = directory
        self.displayName = displayName
        self.manifest = manifest
    }
}
