/// The resolved branding tree: manifest, plugin entries from settings.json, their package files, sources,
/// menu items and icons, with resolved paths. (Filled in by the resolver; this is a placeholder shape.)
public struct BrandingModel: Sendable, Equatable, Codable {
    public init() {}
}
