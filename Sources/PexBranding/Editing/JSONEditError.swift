/// Why a JSON file could not be edited in place: it does not parse, or does not have the expected shape.
public struct JSONEditError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var hint: String?

    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }

    public var description: String { message }
}
