/// The resolved branding tree: manifest, plugin entries from settings.json, their package files, sources,
/// menu items and icons, with paths resolved against the tree (spec §2–§5). One resolver fills it for
/// `check`, `serve` and the shell, which reads it as JSON.
public struct BrandingModel: Sendable, Equatable, Codable {
    /// nil when the tree has no manifest.json, or it is not a JSON object.
    public var manifest: BrandingManifest?
    /// True when settings.json was found and parsed as a JSON object.
    public var hasSettings: Bool
    /// One per object in settings.json's `plugins` list, in file order.
    public var plugins: [PluginEntry]
    /// Every external origin the plugins use (package and source URLs, icons, scanned sources), sorted, unique.
    public var externalOrigins: [String]

    public init(
        manifest: BrandingManifest? = nil, hasSettings: Bool = false, plugins: [PluginEntry] = [],
        externalOrigins: [String] = []
    ) {
        self.manifest = manifest
        self.hasSettings = hasSettings
        self.plugins = plugins
        self.externalOrigins = externalOrigins
    }
}
