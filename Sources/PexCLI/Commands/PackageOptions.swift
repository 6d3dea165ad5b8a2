/// `pexdev package`'s settings.
struct PackageOptions: Sendable, Equatable {
    var brandingPath = "."
    /// nil: `branding-<brandingID>.zip` in the current directory.
    var output: String?
    var force = false
    var bump = true
    var quiet = false
}
