/// Why `pexdev init` or `pexdev new plugin` changed nothing: a bad name, something already there, a
/// settings.json that cannot be edited.
public struct ScaffoldError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case invalidName
        case alreadyExists
        case noBrandingTree
        case settings
        case fileSystem
    }

    public var kind: Kind
    public var message: String
    public var hint: String?

    public init(_ kind: Kind, _ message: String, hint: String? = nil) {
        self.kind = kind
        self.message = message
        self.hint = hint
    }

    public var description: String { message }
}
