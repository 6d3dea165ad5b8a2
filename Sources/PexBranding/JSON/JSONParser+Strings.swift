extension JSONParser {
    /// Reads the string whose opening quote is at `index` and returns it decoded; `index` ends past the closing
    /// quote. Strings without escapes are decoded straight from the file's bytes.
    mutating func parseString() throws(JSONSyntaxError) -> String {
        let open = index
        index += 1
        var segmentStart = index
        var escaped = false
        while index < end {
            let byte = bytes[index]
            if byte >= 0x20 && byte < 0x80 && byte != 0x22 && byte != 0x5C {  // not " or \
                index += 1
            } else if byte == 0x22 {  // "
                let text: String
                if escaped {
                    scratch.append(contentsOf: bytes[segmentStart..<index])
                    text = String(decoding: scratch, as: UTF8.self)
                } else {
                    text = bytes.string(segmentStart..<index)
                }
                index += 1
                return text
            } else if byte == 0x5C {  // \
                if !escaped {
                    escaped = true
                    scratch.removeAll(keepingCapacity: true)
                }
                scratch.append(contentsOf: bytes[segmentStart..<index])
                try parseEscape(inStringAt: open)
                segmentStart = index
            } else if byte < 0x20 {
                throw controlCharacter(at: index, inStringAt: open)
            } else {
                guard let length = bytes.utf8SequenceLength(at: index) else { throw invalidUTF8(at: index) }
                index += length
                position.uncounted += length - 1
            }
        }
        throw unterminatedString(at: open)
    }

    /// Decodes the escape at `index` (its backslash) into `scratch`.
    private mutating func parseEscape(inStringAt open: Int) throws(JSONSyntaxError) {
        let backslash = index
        guard backslash + 1 < end else { throw unterminatedString(at: open) }
        index += 2
        switch bytes[backslash + 1] {
        case UInt8(ascii: "\""): scratch.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): scratch.append(UInt8(ascii: "\\"))
        case UInt8(ascii: "/"): scratch.append(UInt8(ascii: "/"))
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            guard let unit = bytes.hexQuad(at: backslash + 2) else {
                throw endsInsideEscape(from: backslash) ? unterminatedString(at: open) : badUnicodeEscape(at: backslash)
            }
            index = backslash + 6
            var scalar = UInt32(unit)
            if (0xDC00..<0xE000).contains(unit) { throw loneSurrogate(at: backslash) }
            if (0xD800..<0xDC00).contains(unit) {
                // Outside the BMP, JSON spells a scalar as an escaped UTF-16 surrogate pair.
                guard index + 1 < end, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u"),
                    let low = bytes.hexQuad(at: index + 2), (0xDC00..<0xE000).contains(low)
                else {
                    throw endsInsideEscape(from: index) ? unterminatedString(at: open) : loneSurrogate(at: backslash)
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                index += 6
            }
            appendUTF8(scalar)
        default:
            throw invalidEscape(at: backslash)
        }
    }

    /// True if the file ends within what could still become a `\uXXXX` escape starting at `start`: the file
    /// was cut short, not written wrong.
    private func endsInsideEscape(from start: Int) -> Bool {
        guard end - start < 6 else { return false }
        for offset in start..<end {
            let byte = bytes[offset]
            let fits =
                offset == start
                ? byte == UInt8(ascii: "\\")
                : offset == start + 1 ? byte == UInt8(ascii: "u") : JSONBytes.hexValue(byte) != nil
            if !fits { return false }
        }
        return true
    }

    private mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            scratch.append(UInt8(scalar))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | scalar >> 6))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | scalar >> 12))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | scalar >> 18))
            scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}
