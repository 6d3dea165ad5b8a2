/// The file `JSONParser` reads, with the byte-level scanning that needs nothing else. A separate trivial value,
/// so debug builds do not copy (and retain) the whole parser to call these.
struct JSONBytes {
    /// Only valid during `JSONReader.read`, which owns the array it points into.
    let buffer: UnsafeBufferPointer<UInt8>
    let count: Int

    init(_ buffer: UnsafeBufferPointer<UInt8>) {
        self.buffer = buffer
        count = buffer.count
    }

    @inline(__always)
    subscript(offset: Int) -> UInt8 { buffer[offset] }

    subscript(offsets: Range<Int>) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: buffer[offsets]) }

    /// The text of `offsets`, which must be well-formed UTF-8 (anything else is repaired, not trusted).
    func string(_ offsets: Range<Int>) -> String {
        String(decoding: self[offsets], as: UTF8.self)
    }

    func digitsEnd(from start: Int) -> Int {
        var position = start
        while position < count, JSONParser.isDigit(buffer[position]) { position += 1 }
        return position
    }

    func wordEnd(from start: Int, where isWordByte: (UInt8) -> Bool) -> Int {
        var position = start
        while position < count, isWordByte(buffer[position]) { position += 1 }
        return position
    }

    /// The length of the well-formed multi-byte UTF-8 sequence starting at `start`, or nil if it is ill-formed
    /// (stray continuation byte, overlong form, encoded surrogate, beyond U+10FFFF, cut short).
    func utf8SequenceLength(at start: Int) -> Int? {
        let lead = buffer[start]
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        let length: Int
        if lead >= 0xC2 && lead <= 0xDF {
            length = 2
        } else if lead >= 0xE0 && lead <= 0xEF {
            length = 3
            if lead == 0xE0 { low = 0xA0 }
            if lead == 0xED { high = 0x9F }
        } else if lead >= 0xF0 && lead <= 0xF4 {
            length = 4
            if lead == 0xF0 { low = 0x90 }
            if lead == 0xF4 { high = 0x8F }
        } else {
            return nil
        }
        guard start + length <= count, buffer[start + 1] >= low, buffer[start + 1] <= high else { return nil }
        if length > 2, buffer[start + 2] & 0xC0 != 0x80 { return nil }
        if length > 3, buffer[start + 3] & 0xC0 != 0x80 { return nil }
        return length
    }

    /// The scalar at `start` and its length in bytes, or nil for ill-formed UTF-8 (or the end of the file).
    func scalar(at start: Int) -> (scalar: Unicode.Scalar, length: Int)? {
        guard start < count else { return nil }
        let lead = buffer[start]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        guard let length = utf8SequenceLength(at: start) else { return nil }
        var value = UInt32(lead) & (0xFF >> (length + 1))
        for offset in start + 1..<start + length { value = value << 6 | UInt32(buffer[offset] & 0x3F) }
        guard let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, length)
    }

    /// The value of four hex digits at `start`, or nil.
    func hexQuad(at start: Int) -> UInt16? {
        guard start + 4 <= count else { return nil }
        var value: UInt16 = 0
        for offset in start..<start + 4 {
            guard let digit = JSONBytes.hexValue(buffer[offset]) else { return nil }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        if JSONParser.isDigit(byte) { return byte - 0x30 }
        let letter = byte | 0x20
        return letter >= 0x61 && letter <= 0x66 ? letter - 0x61 + 10 : nil  // a-f, either case
    }
}

/// Positions on the parser's hot path: the line being read, where it starts, and how many bytes since then take
/// no column (CR, UTF-8 continuation bytes, the byte-order mark). Valid for offsets at or after everything read.
struct JSONLinePosition {
    var line = 1
    var lineStart = 0
    var uncounted = 0

    @inline(__always)
    func at(_ offset: Int) -> SourcePosition {
        SourcePosition(line: line, column: offset - lineStart - uncounted + 1, offset: offset)
    }
}
