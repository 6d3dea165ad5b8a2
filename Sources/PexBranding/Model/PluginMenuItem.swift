/// One `{icon, label, action}` of a package's menu list; null icon or label are filled by `state$` at run time.
public struct PluginMenuItem: Sendable, Equatable, Codable {
    /// `file.svg#id` resolved against the package file's folder; nil when null or missing.
    public var icon: ResolvedReference?
    public var label: String?
    /// The name of a function passed to `registerPlugin`.
    public var action: String?

    public init(icon: ResolvedReference? = nil, label: String? = nil, action: String? = nil) {
        self.icon = icon
        self.label = label
        self.action = action
    }
}
