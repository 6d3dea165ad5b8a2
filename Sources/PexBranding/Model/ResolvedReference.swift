/// A URL written in a JSON file (a srcURL or an icon), resolved against the branding tree.
public struct ResolvedReference: Sendable, Equatable, Codable {
    /// As written, e.g. `assets/hand.svg#hand`.
    public var text: String
    /// Relative to the branding root when the URL points inside the tree (whether or not the file exists);
    /// nil for external URLs and for references that escape the tree or use another scheme.
    public var path: String?
    /// What follows `#`, for icons (`hand` in `hand.svg#hand`); nil when there is none.
    public var fragment: String?
    /// The absolute http(s) URL when the reference is external (it cannot be checked offline).
    public var url: String?
    /// True when `path` names a regular file with exactly that spelling (case included).
    public var exists: Bool

    public init(text: String, path: String? = nil, fragment: String? = nil, url: String? = nil, exists: Bool = false) {
        self.text = text
        self.path = path
        self.fragment = fragment
        self.url = url
        self.exists = exists
    }
}
