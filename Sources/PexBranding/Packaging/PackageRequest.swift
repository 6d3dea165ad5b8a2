/// What to package and how: the `pexdev package` options once the branding tree is located.
public struct PackageRequest: Sendable {
    public var root: BrandingRoot
    /// Absolute path of the ZIP to write; nil: `branding-<brandingID>.zip` in `currentDirectory`.
    public var output: String?
    public var currentDirectory: String
    /// Package despite check errors, and replace an existing output file.
    public var force = false
    /// Write a new brandingID (and isSettingsBranded: true) into manifest.json; false leaves it untouched.
    public var bump = true
    /// The clock brandingIDs come from, in milliseconds (tests set it).
    public var now: @Sendable () -> UInt64 = BrandingID.systemMilliseconds

    public init(root: BrandingRoot, output: String? = nil, currentDirectory: String) {
        self.root = root
        self.output = output
        self.currentDirectory = currentDirectory
    }
}

/// What `pexdev package` did.
public struct PackageResult: Sendable, Equatable {
    public enum ManifestChange: Sendable, Equatable {
        case unchanged, updated, created
    }

    /// Absolute path of the ZIP written.
    public var output: String
    /// Bytes.
    public var size: Int
    /// Entries in the ZIP, folders included.
    public var entryCount: Int
    public var fileCount: Int
    /// The package's brandingID; nil only with --no-bump on a manifest without one.
    public var brandingID: String?
    public var previousID: String?
    public var manifest: ManifestChange
    public var excluded: [PackageExclusion]
    public var report: CheckReport
    /// Errors that --force packaged anyway.
    public var overriddenErrors: [Diagnostic]
    /// The findings `bump` fixed in the package (missing manifest, isSettingsBranded, brandingID).
    public var fixed: [Diagnostic]
    /// Set when the ZIP was written but manifest.json could not be updated: why.
    public var manifestFailure: String?
}
