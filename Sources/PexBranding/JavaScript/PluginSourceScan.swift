/// What `PluginSourceScanner` found in one source file, as byte offsets (the resolver turns them into
/// line:column with the file's `LineIndex`).
struct PluginSourceScan: Sendable, Equatable {
    /// One `registerPlugin(…)` call.
    struct Registration: Sendable, Equatable {
        /// The `registerPlugin` identifier.
        var call: Range<Int>
        /// nil when the argument could not be understood; `problem` then says why.
        var object: ObjectLiteral?
        var problem: String?
    }

    /// The keys of the object passed to `registerPlugin`.
    struct ObjectLiteral: Sendable, Equatable {
        var keys: [String] = []
        /// False with spread (`...base`) or computed (`[name]:`) keys.
        var isComplete = true
        /// nil when there is no `id` key.
        var id: IDValue?
    }

    enum IDValue: Sendable, Equatable {
        /// A string literal, directly or through a constant (`id: PLUGIN_ID`); the range is the literal's.
        case literal(String, Range<Int>)
        /// Anything computed at run time.
        case computed(Range<Int>)
    }

    struct Declaration: Sendable, Equatable {
        var name: String
        var range: Range<Int>
    }

    struct URLUse: Sendable, Equatable {
        var url: String
        var origin: String
        var directive: String
        var range: Range<Int>
    }

    var registrations: [Registration] = []
    var wrappedInIIFE = false
    var leakedGlobals: [Declaration] = []
    var externalURLs: [URLUse] = []
    /// Paths after `custom_configuration/` in string literals; a trailing `/` marks a prefix.
    var assetPaths: [String] = []
}
