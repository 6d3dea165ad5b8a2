import PexBranding
import Foundation

/// A JSON value as the OpenAPI validator sees it: booleans, integers and other numbers kept apart.
enum OpenAPIJSON: Equatable, Sendable {
    case object([String: OpenAPIJSON])
    case array([OpenAPIJSON])
    case string(String)
    case integer(Int)
    case number(Double)
    case bool(Bool)
    case null

    /// Why a body or document is not JSON.
    struct ParseError: Error, CustomStringConvertible {
        var description: String
    }

    /// Parses with Foundation's `JSONSerialization` (any top-level value).
    static func parse(_ bytes: [UInt8]) throws(ParseError) -> OpenAPIJSON {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            throw ParseError(description: "not JSON: \(error.localizedDescription)")
        }
        return try OpenAPIJSON(foundation: object)
    }

    /// The class Foundation uses for JSON `true`/`false`. On Linux `NSNumber(1) is Bool` and `as? Bool` both
    /// succeed, so neither can tell `1` from `true`; the boolean singletons' class can, on Linux and Darwin.
    private static let booleanClass: AnyClass = type(of: NSNumber(value: true))

    init(foundation value: Any) throws(ParseError) {
        switch value {
        case let dictionary as [String: Any]:
            var members: [String: OpenAPIJSON] = [:]
            for (key, member) in dictionary { members[key] = try OpenAPIJSON(foundation: member) }
            self = .object(members)
        case let array as [Any]:
            var elements: [OpenAPIJSON] = []
            for element in array { elements.append(try OpenAPIJSON(foundation: element)) }
            self = .array(elements)
        case let text as String:
            self = .string(text)
        case is NSNull:
            self = .null
        case let number as NSNumber:
            self = Self.classify(number)
        default:
            throw ParseError(description: "unexpected \(type(of: value)) from JSONSerialization")
        }
    }

    private static func classify(_ number: NSNumber) -> OpenAPIJSON {
        let code = String(cString: number.objCType)
        if type(of: number) == booleanClass || code == "c" || code == "B" { return .bool(number.boolValue) }
        // "Q" is an unsigned 64-bit literal; past Int.max it can only be a (large) number.
        if ["s", "i", "l", "q", "C", "S", "I", "L"].contains(code)
            || (code == "Q" && number.uint64Value <= UInt64(Int.max))
        {
            return .integer(number.intValue)
        }
        return .number(number.doubleValue)
    }

    /// The JSON type name, as OpenAPI's `type` spells it.
    var typeName: String {
        switch self {
        case .object: return "object"
        case .array: return "array"
        case .string: return "string"
        case .integer: return "integer"
        case .number: return "number"
        case .bool: return "boolean"
        case .null: return "null"
        }
    }

    subscript(key: String) -> OpenAPIJSON? {
        guard case .object(let members) = self else { return nil }
        return members[key]
    }

    var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    var objectValue: [String: OpenAPIJSON]? {
        if case .object(let members) = self { return members }
        return nil
    }

    var arrayValue: [OpenAPIJSON]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// Compact JSON text (object keys sorted, so messages are stable).
    var text: String {
        switch self {
        case .object(let members):
            return "{"
                + members.keys.sorted().map { "\(Self.quote($0)):\(members[$0]?.text ?? "null")" }.joined(
                    separator: ",") + "}"
        case .array(let elements): return "[" + elements.map(\.text).joined(separator: ",") + "]"
        case .string(let text): return Self.quote(text)
        case .integer(let value): return String(value)
        case .number(let value): return String(value)
        case .bool(let value): return value ? "true" : "false"
        case .null: return "null"
        }
    }

    /// `text`, cut short for error messages.
    var brief: String {
        let full = text
        return full.count > 60 ? String(full.prefix(57)) + "..." : full
    }

    /// The value a JSON pointer (RFC 6901, `#/a/b` or `/a/b`) names, or nil.
    func value(at pointer: String) -> OpenAPIJSON? {
        var path = Substring(pointer)
        if path.hasPrefix("#") { path = path.dropFirst() }
        guard !path.isEmpty else { return self }
        guard path.hasPrefix("/") else { return nil }
        var current = self
        for raw in path.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            let token = raw.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            switch current {
            case .object(let members):
                guard let next = members[token] else { return nil }
                current = next
            case .array(let elements):
                guard let index = Int(token), elements.indices.contains(index) else { return nil }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }

    /// One JSON pointer token (`~` and `/` escaped).
    static func pointerToken(_ key: String) -> String {
        key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    private static func quote(_ text: String) -> String { JSONLiteral.string(text) }
}
