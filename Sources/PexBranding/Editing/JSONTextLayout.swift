/// How a JSON file is laid out, read from the file itself so inserted text looks like its neighbours: the
/// line ending (CRLF files stay CRLF), the indentation of a line, the indentation step.
struct JSONTextLayout {
    let bytes: [UInt8]

    var lineEnding: String {
        for index in bytes.indices where bytes[index] == 0x0A {
            return index > 0 && bytes[index - 1] == 0x0D ? "\r\n" : "\n"
        }
        return "\n"
    }

    /// The spaces and tabs that start the line holding `offset`.
    func lineIndentation(at offset: Int) -> String {
        var start = min(offset, bytes.count)
        while start > 0, bytes[start - 1] != 0x0A { start -= 1 }
        var end = start
        while end < bytes.count, bytes[end] == 0x20 || bytes[end] == 0x09 { end += 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// True when only spaces and tabs precede `offset` on its line.
    func startsLine(_ offset: Int) -> Bool {
        var index = min(offset, bytes.count)
        while index > 0, bytes[index - 1] != 0x0A {
            if bytes[index - 1] != 0x20 && bytes[index - 1] != 0x09 && bytes[index - 1] != 0x0D { return false }
            index -= 1
        }
        return true
    }

    /// One level of indentation: what the root object's first member adds to the root's line, else 2 spaces.
    func indentStep(root: JSONNode) -> String {
        if let first = root.members?.first, first.keyRange.start.line != root.range.start.line {
            let outer = lineIndentation(at: root.range.start.offset)
            let inner = lineIndentation(at: first.keyRange.start.offset)
            if inner.hasPrefix(outer), inner.count > outer.count { return String(inner.dropFirst(outer.count)) }
        }
        return "  "
    }
}
