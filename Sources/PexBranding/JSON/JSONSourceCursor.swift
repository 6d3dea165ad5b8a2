/// Positions for error messages, which may point anywhere: it scans on from the last offset asked for (or
/// starts over for an earlier one), so an error naming a few places costs about one pass over the file.
struct JSONSourceCursor {
    let bytes: [UInt8]
    /// 3 after a UTF-8 byte-order mark (the mark takes no column), else 0.
    let origin: Int
    private var offset: Int
    private var line = 1
    private var column = 1

    init(bytes: [UInt8]) {
        self.bytes = bytes
        origin = LineIndex.byteOrderMarkLength(bytes)
        offset = origin
    }

    mutating func position(at requested: Int) -> SourcePosition {
        let target = min(max(requested, 0), bytes.count)
        if target < origin { return SourcePosition(line: 1, column: 1, offset: target) }
        if target < offset {
            // Only error reporting looks back; starting over keeps the common path simple.
            offset = origin
            line = 1
            column = 1
        }
        var index = offset
        while index < target {
            let byte = bytes[index]
            if byte == 0x0A {
                line += 1
                column = 1
            } else {
                column += LineIndex.columnWidth(of: byte)
            }
            index += 1
        }
        offset = target
        return SourcePosition(line: line, column: column, offset: target)
    }

    mutating func range(_ offsets: Range<Int>) -> SourceRange {
        let start = position(at: offsets.lowerBound)
        return SourceRange(start: start, end: position(at: offsets.upperBound))
    }
}
