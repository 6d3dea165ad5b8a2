/// Maps UTF-8 byte offsets of a file to line:column positions exactly as `JSONReader` counts them, and line
/// numbers back to their text, for diagnostics that print source excerpts.
///
/// Lines end at LF (a CR before it belongs to no column); columns count Unicode scalars, a tab is one column,
/// and a leading UTF-8 byte-order mark takes no column.
public struct LineIndex: Sendable {
    public let bytes: [UInt8]
    /// Byte offset where each line starts; line 1 starts after the byte-order mark, if any.
    private let lineStarts: [Int]

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [LineIndex.byteOrderMarkLength(bytes)]
        for index in bytes.indices where bytes[index] == 0x0A {
            starts.append(index + 1)
        }
        lineStarts = starts
    }

    /// Number of lines; text after the last line break (even none) counts as a line.
    public var lineCount: Int { lineStarts.count }

    /// The position of the byte at `offset` (clamped to `0...bytes.count`): O(log n) to find the line, then
    /// proportional to the column.
    public func position(atOffset offset: Int) -> SourcePosition {
        let target = min(max(offset, 0), bytes.count)
        guard target >= lineStarts[0] else { return SourcePosition(line: 1, column: 1, offset: target) }
        let lineIndex = self.lineIndex(containing: target)
        var column = 1
        for index in lineStarts[lineIndex]..<target {
            column += LineIndex.columnWidth(of: bytes[index])
        }
        return SourcePosition(line: lineIndex + 1, column: column, offset: target)
    }

    /// The positions of both ends of a byte range.
    public func range(_ offsets: Range<Int>) -> SourceRange {
        SourceRange(start: position(atOffset: offsets.lowerBound), end: position(atOffset: offsets.upperBound))
    }

    /// The byte offsets of line `line` (1-based) without its line terminator, or nil if there is no such line.
    public func byteRange(ofLine line: Int) -> Range<Int>? {
        guard line >= 1, line <= lineStarts.count else { return nil }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        return start..<end
    }

    /// The text of line `line` (1-based) without its line terminator; invalid UTF-8 shows as U+FFFD.
    public func sourceLine(_ line: Int) -> String? {
        guard let range = byteRange(ofLine: line) else { return nil }
        return String(decoding: bytes[range], as: UTF8.self)
    }

    private func lineIndex(containing offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// Columns a byte adds: one per scalar (counted at its first byte), none for CR or UTF-8 continuation bytes.
    @inline(__always)
    static func columnWidth(of byte: UInt8) -> Int {
        (byte & 0xC0 == 0x80 || byte == 0x0D) ? 0 : 1
    }

    static func byteOrderMarkLength(_ bytes: [UInt8]) -> Int {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
    }
}
