/// `%XX` escapes decoded as UTF-8, as URL paths are compared in CSP matching (CSP3 §6.7.2.12). Nil when an
/// escape is malformed or the result is not UTF-8 (Foundation's `removingPercentEncoding` rule, without
/// Foundation: the binary links FoundationEssentials only).
enum PercentDecoding {
    static func decode(_ text: String) -> String? {
        var bytes: [UInt8] = []
        var input = Array(text.utf8)[...]
        while let byte = input.popFirst() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard input.count >= 2, let high = hex(input[input.startIndex]), let low = hex(input[input.startIndex + 1])
            else { return nil }
            bytes.append(high << 4 | low)
            input.removeFirst(2)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs (CSP's ASCII whitespace also covers CR, LF, FF).
    var trimmingASCIIWhitespace: String {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{0C}" }
        guard let first = firstIndex(where: { !blank($0) }), let last = lastIndex(where: { !blank($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
