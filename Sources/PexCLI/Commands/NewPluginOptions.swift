import PexBranding

/// `pexdev new plugin`'s settings, validated.
struct NewPluginOptions: Sendable, Equatable {
    var name = ""
    var brandingPath = "."
    /// nil: no menu item (`--menu none`).
    var placement: MenuPlacement? = .toolbar
    var roles = PluginTemplate.allRoles
    var platforms = PluginTemplate.allPlatforms
}
