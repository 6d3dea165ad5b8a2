/// What a static scan of a plugin's source file found (spec §5): no JavaScript is run.
public struct PluginSource: Sendable, Equatable, Codable {
    /// Relative to the branding root.
    public var path: String
    /// The `id` passed to `registerPlugin`, when it is a string literal or a constant bound to one.
    public var registeredID: String?
    /// Keys of the object passed to `registerPlugin`, in source order (`id`, `load`, actions, `state$`…).
    public var registeredKeys: [String]
    /// False when the object has spread or computed keys, so a missing key cannot be ruled out.
    public var registeredKeysAreComplete: Bool
    /// How many `registerPlugin(` calls the file makes; Webapp2 expects exactly one.
    public var registerPluginCalls: Int
    /// The first statement is an IIFE (`(function`, `(() =>`, `!function`, …).
    public var wrappedInIIFE: Bool
    /// Names declared at the top level, which become globals shared with the app and the other plugins.
    public var leakedGlobals: [String]
    /// URLs to other origins the source fetches or embeds, with the CSP directive each needs.
    public var externalReferences: [ExternalReference]
    /// Tree paths the source loads relative to the page (`custom_configuration/plugins/x/data.json` →
    /// `plugins/x/data.json`); a trailing `/` marks a folder prefix.
    public var assetPaths: [String]

    public init(
        path: String, registeredID: String? = nil, registeredKeys: [String] = [],
        registeredKeysAreComplete: Bool = true,
        registerPluginCalls: Int = 0, wrappedInIIFE: Bool = false, leakedGlobals: [String] = [],
        externalReferences: [ExternalReference] = [], assetPaths: [String] = []
    ) {
        self.path = path
        self.registeredID = registeredID
        self.registeredKeys = registeredKeys
        self.registeredKeysAreComplete = registeredKeysAreComplete
        self.registerPluginCalls = registerPluginCalls
        self.wrappedInIIFE = wrappedInIIFE
        self.leakedGlobals = leakedGlobals
        self.externalReferences = externalReferences
        self.assetPaths = assetPaths
    }
}
