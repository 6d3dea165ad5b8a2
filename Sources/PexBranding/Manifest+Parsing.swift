import Foundation

extension Manifest {
    /// Reads the fields pexdev needs from the bytes of `manifest.json`; never throws, so a broken manifest
    /// becomes a warning instead of stopping `serve`.
    /// Stopgap until the position-aware JSON reader lands: Foundation parses, and the one thing it accepts
    /// that browsers reject (a trailing comma) is checked separately.
    public static func parse(_ bytes: [UInt8]) -> Manifest {
        if bytes.allSatisfy({ Self.isJSONWhitespace($0) }) {
            return Manifest(problem: "manifest.json is empty")
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            return Manifest(problem: "manifest.json is not valid JSON: " + Self.explain(error, in: bytes))
        }
        if let comma = Self.trailingComma(in: bytes) {
            let position = TextPosition(byteOffset: comma, in: bytes)
            return Manifest(
                problem: "manifest.json is not valid JSON: trailing comma at \(position) (browsers reject it)")
        }
        guard let fields = object as? [String: Any] else {
            return Manifest(problem: "manifest.json must be a JSON object, found \(Self.describe(object))")
        }

        var problems: [String] = []
        var brandingID: String?
        switch fields["brandingID"] {
        case nil, is NSNull:
            break
        case let text as String:
            brandingID = text
        case let number as NSNumber where !Self.isBoolean(number):
            brandingID = Self.text(of: number)
        case let other?:
            problems.append("brandingID should be a number or a string of digits, found \(Self.describe(other))")
        }

        var isSettingsBranded: Bool?
        switch fields["isSettingsBranded"] {
        case nil:
            break
        case let number as NSNumber where Self.isBoolean(number):
            isSettingsBranded = number.boolValue
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

    /// On Linux, JSON `true`/`false` and `1`/`0` are all NSNumber and all cast to Bool; only the
    /// Objective-C type code ("c" for booleans) tells them apart.
    private static func isBoolean(_ number: NSNumber) -> Bool {
        number.objCType.pointee == CChar(UInt8(ascii: "c"))
    }

    /// Integers print in full (a millisecond timestamp as 1764072000000, not 1.764072e+12).
    private static func text(of number: NSNumber) -> String {
        // Integers too large for 64 bits arrive as NSDecimalNumber, whose description keeps every digit.
        if number is NSDecimalNumber { return number.description }
        switch UInt8(bitPattern: number.objCType.pointee) {
        case UInt8(ascii: "d"), UInt8(ascii: "f"):
            let value = number.doubleValue
            if value.rounded() == value, abs(value) < 9.0e18 { return String(Int64(value)) }
            return String(value)
        case UInt8(ascii: "Q"):
            return String(number.uint64Value)
        default:
            return String(number.int64Value)
        }
    }

    private static func describe(_ value: Any) -> String {
        switch value {
        case is NSNull: return "null"
        case let text as String: return "the string \"\(text)\""
        case let number as NSNumber where isBoolean(number): return number.boolValue ? "true" : "false"
        case let number as NSNumber: return "the number \(text(of: number))"
        case is [Any]: return "an array"
        case is [String: Any]: return "an object"
        default: return "a value of an unexpected type"
        }
    }

    /// Foundation says "around character 57" (a 0-based byte offset); editors want a line and column.
    private static func explain(_ error: any Error, in bytes: [UInt8]) -> String {
        let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
        let marker = "around character "
        guard let markerRange = detail.range(of: marker) else { return detail }
        let digits = detail[markerRange.upperBound...].prefix(while: \.isNumber)
        guard let offset = Int(digits) else { return detail }
        let position = TextPosition(byteOffset: offset, in: bytes)
        let rest = detail[digits.endIndex...]
        return detail[..<markerRange.lowerBound] + "at \(position)" + rest
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
