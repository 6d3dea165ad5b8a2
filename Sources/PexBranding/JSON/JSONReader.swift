/// Limits that keep a hostile file from exhausting memory or the stack (security.md item 28).
public struct JSONReaderLimits: Sendable {
    /// Larger files are refused before parsing.
    public var maximumBytes = 16 << 20
    /// Deeper nesting is an error, not a stack overflow.
    public var maximumDepth = 512

    public init() {}
}

/// A JSON syntax problem with where it is, what was found, and how to fix it.
public struct JSONSyntaxError: Error, Sendable, Equatable {
    /// Stable identifier of the kind of mistake (e.g. "trailing-comma"), used for rule codes and tests.
    public var kind: String
    public var message: String
    public var hint: String?
    public var range: SourceRange

    public init(kind: String, message: String, hint: String? = nil, range: SourceRange) {
        self.kind = kind
        self.message = message
        self.hint = hint
        self.range = range
    }
}

/// The outcome of reading a JSON file: the tree, and problems that browsers tolerate but a human should fix
/// (duplicate keys, a byte-order mark), as `JSONSyntaxError`s with their ranges.
public struct JSONDocument: Sendable, Equatable {
    public var root: JSONNode
    public var warnings: [JSONSyntaxError]

    public init(root: JSONNode, warnings: [JSONSyntaxError]) {
        self.root = root
        self.warnings = warnings
    }
}

/// Position-keeping strict JSON (RFC 8259, as browsers' JSON.parse accepts it) reader.
public enum JSONReader {
    public static func read(_ bytes: [UInt8], limits: JSONReaderLimits = JSONReaderLimits()) throws(JSONSyntaxError)
        -> JSONDocument
    {
        throw JSONSyntaxError(
            kind: "unimplemented", message: "JSON reader not implemented yet",
            range: SourceRange(
                start: SourcePosition(line: 1, column: 1, offset: 0), end: SourcePosition(line: 1, column: 1, offset: 0)
            ))
    }
}
