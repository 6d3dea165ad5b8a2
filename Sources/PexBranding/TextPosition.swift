/// A 1-based line and column in a text file, as editors show them.
struct TextPosition: Sendable, Equatable, CustomStringConvertible {
    let line: Int
    let column: Int

    init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// The position of the byte at `offset`; columns count Unicode scalars so "é" is one column,
    /// and a CR before LF belongs to the line it ends, so CRLF files number lines like LF files.
    init(byteOffset offset: Int, in bytes: [UInt8]) {
        let end = min(max(offset, 0), bytes.count)
        var line = 1
        var lineStart = 0
        for index in 0..<end where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        let prefix = String(decoding: bytes[lineStart..<end], as: UTF8.self)
        self.line = line
        self.column = prefix.unicodeScalars.count + 1
    }

    var description: String { "line \(line), column \(column)" }
}
