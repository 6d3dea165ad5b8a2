/// A located branding tree: the `webapp2/` folder that `serve` publishes at `/webapp2/custom_configuration/`.
public struct BrandingRoot: Sendable, Equatable {
    /// Absolute real path of the `webapp2/` folder (symlinks resolved, no trailing slash).
    public let directory: String
    /// The path as the user typed it, for the banner; "." becomes the current folder's name.
    public let displayName: String
    /// The parsed `manifest.json`, or nil when the tree has none (fine locally, fatal for an upload).
    public let manifest: Manifest?
    /// Set when the branding is a ZIP: `directory` is then the archive's path plus its branding folder (a
    /// virtual path, nothing on disk), and the files are read from here.
    public let archive: BrandingArchive?

    public init(directory: String, displayName: String, manifest: Manifest?, archive: BrandingArchive? = nil) {
        self.directory = directory
        self.displayName = displayName
        self.manifest = manifest
        self.archive = archive
    }

    /// What the checker reads the tree through: the disk, or the unpacked archive.
    var fileSystem: any BrandingFileSystem {
        if let archive { return ZipFileSystem(root: directory, archive: archive) }
        return LocalFileSystem()
    }
}
