/// The value of a string literal or template chunk, escapes decoded (enough for ids and URLs).
enum JavaScriptLiteral {
    /// The characters between the delimiters of a `.string` or `.template` token.
    static func value(of token: JavaScriptToken, in bytes: [UInt8]) -> String {
        var start = token.start + 1
        var end = token.end
        switch token.kind {
        case .string:
            if end > start, bytes[end - 1] == bytes[token.start] { end -= 1 }
        case .template:
            if token.opensSubstitution {
                end -= 2
            } else if end > start, bytes[end - 1] == UInt8(ascii: "`") {
                end -= 1
            }
        default:
            start = token.start
        }
        guard end > start else { return "" }
        return decode(bytes[start..<end])
    }

    static func decode(_ raw: ArraySlice<UInt8>) -> String {
        guard raw.contains(UInt8(ascii: "\\")) else { return String(decoding: raw, as: UTF8.self) }
        var scalars = String.UnicodeScalarView()
        let text = Array(String(decoding: raw, as: UTF8.self).unicodeScalars)
        var index = 0
        while index < text.count {
            let scalar = text[index]
            index += 1
            guard scalar == "\\", index < text.count else {
                scalars.append(scalar)
                continue
            }
            let escaped = text[index]
            index += 1
            switch escaped {
            case "n": scalars.append("\n")
            case "t": scalars.append("\t")
            case "r": scalars.append("\r")
            case "b": scalars.append("\u{8}")
            case "f": scalars.append("\u{C}")
            case "v": scalars.append("\u{B}")
            case "0": scalars.append("\0")
            case "\r":
                if index < text.count, text[index] == "\n" { index += 1 }
            case "\n", "\u{2028}", "\u{2029}":
                break
            case "x":
                if let value = hex(text, from: index, count: 2), let decoded = Unicode.Scalar(value) {
                    scalars.append(decoded)
                    index += 2
                } else {
                    scalars.append(escaped)
                }
            case "u":
                if index < text.count, text[index] == "{", let close = text[index...].firstIndex(of: "}"),
                    let value = hex(text, from: index + 1, count: close - index - 1),
                    let decoded = Unicode.Scalar(value)
                {
                    scalars.append(decoded)
                    index = close + 1
                } else if let value = hex(text, from: index, count: 4), let decoded = Unicode.Scalar(value) {
                    scalars.append(decoded)
                    index += 4
                } else {
                    scalars.append(escaped)
                }
            default:
                scalars.append(escaped)
            }
        }
        return String(scalars)
    }

    private static func hex(_ text: [Unicode.Scalar], from start: Int, count: Int) -> UInt32? {
        guard count > 0, count <= 6, start + count <= text.count else { return nil }
        var value: UInt32 = 0
        for scalar in text[start..<(start + count)] {
            guard let digit = UInt32(String(scalar), radix: 16) else { return nil }
            value = value << 4 | digit
        }
        return value
    }
}
