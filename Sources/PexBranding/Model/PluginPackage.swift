/// A plugin package file as read (spec §4); fields of the wrong type are nil here and reported.
public struct PluginPackage: Sendable, Equatable, Codable {
    /// Relative to the branding root, e.g. `plugins/raise-hand/raise-hand.plugin.json`.
    public var path: String
    /// The package file's folder ("" for the root): its source, icons and assets are relative to it.
    public var folder: String
    public var id: String?
    public var name: String?
    public var description: String?
    /// As text: the number `1.0` stays "1.0", a string is kept as it is (even "").
    public var version: String?
    /// The source file, relative to `folder` (or an absolute URL).
    public var srcURL: ResolvedReference?
    public var allowUnload: Bool
    /// nil when the key is missing; values as written, unknown ones included.
    public var platforms: [String]?
    public var participantRoles: [String]?
    /// nil when `menuItems` is absent, null or `{}`; `{"toolbar": []}` is `.toolbar` with no items.
    public var menuPlacement: MenuPlacement?
    public var menuItems: [PluginMenuItem]

    public init(
        path: String, folder: String, id: String? = nil, name: String? = nil, description: String? = nil,
        version: String? = nil, srcURL: ResolvedReference? = nil, allowUnload: Bool = false,
        platforms: [String]? = nil, participantRoles: [String]? = nil, menuPlacement: MenuPlacement? = nil,
        menuItems: [PluginMenuItem] = []
    ) {
        self.path = path
        self.folder = folder
        self.id = id
        self.name = name
        self.description = description
        self.version = version
        self.srcURL = srcURL
        self.allowUnload = allowUnload
        self.platforms = platforms
        self.participantRoles = participantRoles
        self.menuPlacement = menuPlacement
        self.menuItems = menuItems
    }
}
