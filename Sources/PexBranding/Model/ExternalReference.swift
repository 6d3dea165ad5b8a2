/// A URL to another origin that a plugin uses, with the CSP directive that must allow it (spec §9).
public struct ExternalReference: Sendable, Equatable, Hashable, Codable {
    /// As found (a string literal may be only the start of the URL: `'https://api.example.com/v1/' + path`).
    public var url: String
    /// Scheme, host and port, lower-cased: `https://api.example.com`.
    public var origin: String
    /// `connect-src`, `img-src`, `script-src`, `style-src`, `frame-src` or `media-src`.
    public var directive: String
    /// Relative to the branding root.
    public var file: String
    public var range: SourceRange?

    public init(url: String, origin: String, directive: String, file: String, range: SourceRange?) {
        self.url = url
        self.origin = origin
        self.directive = directive
        self.file = file
        self.range = range
    }
}
