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
    /// Reads a whole file; throws the first syntax error, with its range and a hint, and returns warnings for
    /// what browsers tolerate (a byte-order mark, duplicate keys).
    public static func read(_ bytes: [UInt8], limits: JSONReaderLimits = JSONReaderLimits()) throws(JSONSyntaxError)
        -> JSONDocument
    {
        try bytes.withUnsafeBufferPointer { (buffer) throws(JSONSyntaxError) -> JSONDocument in
            var parser = JSONParser(file: bytes, bytes: buffer, limits: limits)
            return try parser.parseDocument()
        }
    }
}
