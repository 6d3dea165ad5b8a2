/// One entry of settings.json's `plugins` list with everything it leads to (spec §3).
public struct PluginEntry: Sendable, Equatable, Codable {
    /// 0-based position in the `plugins` list (non-object entries keep their slot).
    public var index: Int
    /// The settings id; the package file's id is what Webapp2 registers.
    public var id: String?
    /// Loaded by default; false when missing or not a boolean.
    public var enabled: Bool
    /// The package file, relative to the folder holding settings.json (or an absolute URL).
    public var srcURL: ResolvedReference?
    /// nil when the package file could not be found or read as a JSON object.
    public var package: PluginPackage?
    /// nil when the package names no readable source file in the tree.
    public var source: PluginSource?
    /// Origins this plugin reaches (external srcURLs, icons and what its source fetches), sorted, unique.
    public var externalOrigins: [String]

    public init(
        index: Int, id: String? = nil, enabled: Bool = false, srcURL: ResolvedReference? = nil,
        package: PluginPackage? = nil, source: PluginSource? = nil, externalOrigins: [String] = []
    ) {
        self.index = index
        self.id = id
        self.enabled = enabled
        self.srcURL = srcURL
        self.package = package
        self.source = source
        self.externalOrigins = externalOrigins
    }

    /// The id Webapp2 registers the plugin under: the package id, else the settings id.
    public var effectiveID: String? { package?.id ?? id }
}
