/// A parsed JSON value with the source range of every value and key, so diagnostics can point at them.
public struct JSONNode: Sendable, Equatable {
    public var value: JSONValue
    public var range: SourceRange

    public init(value: JSONValue, range: SourceRange) {
        self.value = value
        self.range = range
    }
}

/// One `"key": value` pair of an object, in source order (duplicates are kept; the reader warns about them).
public struct JSONMember: Sendable, Equatable {
    public var key: String
    public var keyRange: SourceRange
    public var value: JSONNode

    public init(key: String, keyRange: SourceRange, value: JSONNode) {
        self.key = key
        self.keyRange = keyRange
        self.value = value
    }
}

/// JSON values. Numbers keep their source text (`1.0` stays `1.0`, big integers stay exact).
public indirect enum JSONValue: Sendable, Equatable {
    case object([JSONMember])
    case array([JSONNode])
    case string(String)
    case number(String)
    case bool(Bool)
    case null

    /// "object", "array", "string", "number", "boolean", "null" — for messages like "expected a string, found…".
    public var typeName: String {
        switch self {
        case .object: return "object"
        case .array: return "array"
        case .string: return "string"
        case .number: return "number"
        case .bool: return "boolean"
        case .null: return "null"
        }
    }
}

extension JSONNode {
    /// The last member with that key (JSON.parse keeps the last of duplicates), or nil if not an object.
    public subscript(_ key: String) -> JSONMember? {
        guard case .object(let members) = value else { return nil }
        return members.last { $0.key == key }
    }

    public var stringValue: String? {
        if case .string(let text) = value { return text }
        return nil
    }

    public var members: [JSONMember]? {
        if case .object(let members) = value { return members }
        return nil
    }

    public var elements: [JSONNode]? {
        if case .array(let elements) = value { return elements }
        return nil
    }
}
