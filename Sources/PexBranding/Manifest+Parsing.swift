extension Manifest {
    /// Reads the fields pexdev needs from the bytes of `manifest.json`; never throws, so a broken manifest
    /// becomes a warning instead of stopping `serve`. The project's own reader (not Foundation's
    /// JSONSerialization, which would link all of Foundation and ICU into the static binary) rejects what
    /// browsers reject, trailing commas included, and says where.
    public static func parse(_ bytes: [UInt8]) -> Manifest {
        if bytes.allSatisfy({ Self.isJSONWhitespace($0) }) {
            return Manifest(problem: "manifest.json is empty")
        }
        let root: JSONNode
        do {
            root = try JSONReader.read(bytes).root
        } catch {
            let position = "line \(error.range.start.line), column \(error.range.start.column)"
            if error.kind == JSONErrorKind.trailingComma.rawValue {
                return Manifest(
                    problem: "manifest.json is not valid JSON: trailing comma at \(position) (browsers reject it)")
            }
            return Manifest(problem: "manifest.json is not valid JSON: \(error.message) at \(position)")
        }
        guard let fields = root.members else {
            return Manifest(problem: "manifest.json must be a JSON object, found \(Self.describe(root.value))")
        }
        // As JSON.parse does: the last of duplicate keys wins.
        func field(_ name: String) -> JSONValue? { fields.last { $0.key == name }?.value.value }

        var problems: [String] = []
        var brandingID: String?
        switch field("brandingID") {
        case nil, .null?:
            break
        case .string(let text)?:
            brandingID = text
        case .number(let text)?:
            brandingID = Self.text(ofNumber: text)
        case let other?:
            problems.append("brandingID should be a number or a string of digits, found \(Self.describe(other))")
        }

        var isSettingsBranded: Bool?
        switch field("isSettingsBranded") {
        case nil:
            break
        case .bool(let value)?:
            isSettingsBranded = value
        case let other?:
            problems.append("isSettingsBranded should be true or false, found \(Self.describe(other))")
        }

        return Manifest(
            brandingID: brandingID,
            isSettingsBranded: isSettingsBranded,
            problem: problems.isEmpty ? nil : "manifest.json: " + problems.joined(separator: "; "))
    }

    private static func isJSONWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// Integers print in full, however long (a millisecond timestamp as 1764072000000); `1e3` and `1.0` as the
    /// integers they are; other numbers as Swift prints the double.
    private static func text(ofNumber text: String) -> String {
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        if !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) { return text }
        guard let value = Double(text) else { return text }
        if value.rounded() == value, abs(value) < 9.0e18 { return String(Int64(value)) }
        return String(value)
    }

    private static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .string(let text): return "the string \"\(text)\""
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let text): return "the number \(Self.text(ofNumber: text))"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// Byte offset of the first comma followed (after whitespace) by `}` or `]`, outside strings.
    static func trailingComma(in bytes: [UInt8]) -> Int? {
        var inString = false
        var escaped = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            } else if byte == UInt8(ascii: ",") {
                var next = index + 1
                while next < bytes.count, isJSONWhitespace(bytes[next]) { next += 1 }
                if next < bytes.count, bytes[next] == UInt8(ascii: "}") || bytes[next] == UInt8(ascii: "]") {
                    return index
                }
            }
            index += 1
        }
        return nil
    }
}
