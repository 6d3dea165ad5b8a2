/// A point in a source file: 1-based line and column (columns count Unicode scalars; a tab is one column;
/// CRLF ends a line like LF) plus the 0-based UTF-8 byte offset.
public struct SourcePosition: Sendable, Equatable, Hashable, Comparable, Codable {
    public var line: Int
    public var column: Int
    public var offset: Int

    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    public static func < (a: SourcePosition, b: SourcePosition) -> Bool { a.offset < b.offset }
}

/// A span in a source file; `end` is exclusive (just past the last character).
public struct SourceRange: Sendable, Equatable, Hashable, Codable {
    public var start: SourcePosition
    public var end: SourcePosition

    public init(start: SourcePosition, end: SourcePosition) {
        self.start = start
        self.end = end
    }
}
