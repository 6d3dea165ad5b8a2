/// The parser behind `JSONReader`: it walks the bytes by index and keeps open containers on an explicit stack
/// rather than recursing, so nesting is bounded by `limits.maximumDepth`, never by the Swift stack
/// (security.md item 28).
///
/// The hot paths compare bytes with integer literals (commented with their character) and read through an
/// unsafe buffer, because debug builds (where `swift test` runs) make `UInt8(ascii:)`, range patterns and array
/// subscripts out-of-line calls with retain/release per byte. Measured: 200 trees of 10 small files (2 KB)
/// read in about 5 ms optimised and 40 ms in a debug build.
struct JSONParser {
    let bytes: JSONBytes
    let end: Int
    let limits: JSONReaderLimits
    var index = 0
    var position = JSONLinePosition()
    /// Positions for errors, which may point anywhere (ahead of `index`, or back at an earlier token).
    var cursor: JSONSourceCursor
    var warnings: [JSONSyntaxError] = []
    var stack: [JSONOpenContainer] = []
    /// Reused buffer for decoding strings that contain escapes.
    var scratch: [UInt8] = []

    init(file: [UInt8], bytes: UnsafeBufferPointer<UInt8>, limits: JSONReaderLimits) {
        self.bytes = JSONBytes(bytes)
        self.limits = limits
        end = bytes.count
        cursor = JSONSourceCursor(bytes: file)
    }

    mutating func parseDocument() throws(JSONSyntaxError) -> JSONDocument {
        guard end <= limits.maximumBytes else { throw tooLarge() }
        if cursor.origin > 0 {
            index = cursor.origin
            position.uncounted = cursor.origin
            warnings.append(byteOrderMark())
        }
        skipWhitespace()
        guard index < end else { throw empty() }
        let root = try parseValues()
        skipWhitespace()
        guard index == end else { throw trailingContent(after: root) }
        return JSONDocument(root: root, warnings: warnings)
    }

    /// Parses one value at `index`, containers included, using `stack` for the open ones.
    private mutating func parseValues() throws(JSONSyntaxError) -> JSONNode {
        var context = JSONValueContext.root
        nextValue: while true {
            skipWhitespace()
            guard index < end else { throw truncated() }
            var node: JSONNode
            switch bytes[index] {
            case 0x7B:  // {
                try open(isObject: true)
                skipWhitespace()
                if index < end, bytes[index] == 0x7D {  // }
                    node = close()
                } else {
                    context = try parseKey(first: true)
                    continue nextValue
                }
            case 0x5B:  // [
                try open(isObject: false)
                skipWhitespace()
                if index < end, bytes[index] == 0x5D {  // ]
                    node = close()
                } else {
                    context = .element
                    continue nextValue
                }
            default:
                node = try parseScalar(context)
            }

            // Hand the finished value to its container; closing brackets finish containers in turn.
            while !stack.isEmpty {
                let top = stack.count - 1
                let isObject = stack[top].isObject
                if isObject {
                    stack[top].appendMember(node)
                } else {
                    stack[top].elements.append(node)
                }
                skipWhitespace()
                guard index < end else { throw truncated() }
                let byte = bytes[index]
                if byte == 0x2C {  // ,
                    let comma = index
                    index += 1
                    skipWhitespace()
                    if index < end, bytes[index] == (isObject ? 0x7D : 0x5D) { throw trailingComma(at: comma) }
                    context = isObject ? try parseKey(first: false) : .element
                    continue nextValue
                }
                guard byte == (isObject ? 0x7D : 0x5D) else { throw afterValue(node) }
                node = close()
            }
            return node
        }
    }

    private mutating func open(isObject: Bool) throws(JSONSyntaxError) {
        guard stack.count < limits.maximumDepth else { throw tooDeep() }
        let start = position.at(index)
        index += 1
        stack.append(JSONOpenContainer(isObject: isObject, start: start))
    }

    /// Consumes the closing bracket at `index` and returns the finished container.
    private mutating func close() -> JSONNode {
        index += 1
        let container = stack.removeLast()
        let value: JSONValue = container.isObject ? .object(container.members) : .array(container.elements)
        return JSONNode(value: value, range: SourceRange(start: container.start, end: position.at(index)))
    }

    /// Reads `"key":` at `index` (after `{` or `,` and whitespace) and returns the context of the value to come.
    private mutating func parseKey(first: Bool) throws(JSONSyntaxError) -> JSONValueContext {
        guard index < end, bytes[index] == 0x22 else { throw keyExpected(first: first) }  // "
        let keyStart = index
        let start = position.at(keyStart)
        let key = try parseString()
        let keyRange = SourceRange(start: start, end: position.at(index))
        if let first = stack[stack.count - 1].setPendingKey(key, range: keyRange) {
            warnings.append(duplicateKey(key, at: keyRange, first: first))
        }
        skipWhitespace()
        guard index < end, bytes[index] == 0x3A else {  // :
            throw colonExpected(afterKey: key, at: keyStart..<keyRange.end.offset)
        }
        index += 1
        return .member(key)
    }

    private mutating func parseScalar(_ context: JSONValueContext) throws(JSONSyntaxError) -> JSONNode {
        let start = position.at(index)
        let byte = bytes[index]
        let value: JSONValue
        if byte == 0x22 {  // "
            value = .string(try parseString())
        } else if byte == 0x2D || JSONParser.isDigit(byte) {  // -
            value = .number(try parseNumber(context))
        } else if JSONParser.isIdentifierByte(byte) {
            value = try parseLiteral(context)
        } else {
            throw valueExpected(context)
        }
        return JSONNode(value: value, range: SourceRange(start: start, end: position.at(index)))
    }

    /// `true`, `false` or `null`; any other word is an error that names it.
    private mutating func parseLiteral(_ context: JSONValueContext) throws(JSONSyntaxError) -> JSONValue {
        let start = index
        let wordEnd = bytes.wordEnd(from: start, where: JSONParser.isIdentifierByte)
        let value: JSONValue
        switch wordEnd - start {
        case 4
        where bytes[start] == 0x74 && bytes[start + 1] == 0x72 && bytes[start + 2] == 0x75
            && bytes[start + 3] == 0x65:  // true
            value = .bool(true)
        case 5
        where bytes[start] == 0x66 && bytes[start + 1] == 0x61 && bytes[start + 2] == 0x6C
            && bytes[start + 3] == 0x73 && bytes[start + 4] == 0x65:  // false
            value = .bool(false)
        case 4
        where bytes[start] == 0x6E && bytes[start + 1] == 0x75 && bytes[start + 2] == 0x6C
            && bytes[start + 3] == 0x6C:  // null
            value = .null
        default:
            throw badWord(start..<wordEnd, context)
        }
        index = wordEnd
        return value
    }

    /// A number as RFC 8259 spells it, returned as its source text.
    private mutating func parseNumber(_ context: JSONValueContext) throws(JSONSyntaxError) -> String {
        let start = index
        var offset = index
        var wellFormed = true
        if bytes[offset] == 0x2D { offset += 1 }  // -
        if offset < end, bytes[offset] == 0x30 {  // 0
            offset += 1
        } else if offset < end, JSONParser.isDigit(bytes[offset]) {
            offset = bytes.digitsEnd(from: offset)
        } else {
            wellFormed = false
        }
        if wellFormed, offset < end, bytes[offset] == 0x2E {  // .
            offset += 1
            if offset < end, JSONParser.isDigit(bytes[offset]) {
                offset = bytes.digitsEnd(from: offset)
            } else {
                wellFormed = false
            }
        }
        if wellFormed, offset < end, bytes[offset] | 0x20 == 0x65 {  // e or E
            offset += 1
            if offset < end, bytes[offset] == 0x2B || bytes[offset] == 0x2D { offset += 1 }  // + -
            if offset < end, JSONParser.isDigit(bytes[offset]) {
                offset = bytes.digitsEnd(from: offset)
            } else {
                wellFormed = false
            }
        }
        // `01`, `1.`, `0x1F`, `1e`, `-Infinity`: report the whole word, not the first byte that went wrong.
        if !wellFormed || (offset < end && JSONParser.isNumberWordByte(bytes[offset])) {
            throw badWord(start..<bytes.wordEnd(from: start, where: JSONParser.isNumberWordByte), context)
        }
        index = offset
        return bytes.string(start..<offset)
    }

    mutating func skipWhitespace() {
        while index < end {
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x09 {
                index += 1
            } else if byte == 0x0A {
                index += 1
                position.line += 1
                position.lineStart = index
                position.uncounted = 0
            } else if byte == 0x0D {
                index += 1
                position.uncounted += 1
            } else {
                return
            }
        }
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    /// ASCII letters, digits, `_` and `$`.
    static func isIdentifierByte(_ byte: UInt8) -> Bool {
        let letter = byte | 0x20
        return (letter >= 0x61 && letter <= 0x7A) || isDigit(byte) || byte == 0x5F || byte == 0x24
    }

    /// Bytes that belong to a number-like word (`-1.5e+3`, `0x1F`, `-Infinity`) when it is reported.
    static func isNumberWordByte(_ byte: UInt8) -> Bool {
        isIdentifierByte(byte) || byte == 0x2E || byte == 0x2B || byte == 0x2D  // . + -
    }
}

/// What kind of value the parser expects, for messages ("expected a value for \"id\"").
enum JSONValueContext {
    case root
    case element
    case member(String)
}

/// An object or array whose closing bracket has not been read yet.
struct JSONOpenContainer {
    let isObject: Bool
    /// Position of the opening bracket.
    let start: SourcePosition
    var members: [JSONMember] = []
    var elements: [JSONNode] = []
    /// The key read for the value being parsed.
    var pendingKey = ""
    var pendingKeyRange: SourceRange
    /// First range of each key, built only once an object is big enough that scanning `members` would be slow.
    private var firstKeyRanges: [String: SourceRange]?

    init(isObject: Bool, start: SourcePosition) {
        self.isObject = isObject
        self.start = start
        pendingKeyRange = SourceRange(start: start, end: start)
    }

    mutating func appendMember(_ value: JSONNode) {
        members.append(JSONMember(key: pendingKey, keyRange: pendingKeyRange, value: value))
        if firstKeyRanges != nil {
            if firstKeyRanges?[pendingKey] == nil { firstKeyRanges?[pendingKey] = pendingKeyRange }
        } else if members.count == 16 {
            var ranges: [String: SourceRange] = [:]
            for member in members where ranges[member.key] == nil { ranges[member.key] = member.keyRange }
            firstKeyRanges = ranges
        }
    }

    /// Records the key of the member being read; returns where the key first appeared if it is a duplicate.
    mutating func setPendingKey(_ key: String, range: SourceRange) -> SourceRange? {
        pendingKey = key
        pendingKeyRange = range
        if let firstKeyRanges { return firstKeyRanges[key] }
        return members.first { $0.key == key }?.keyRange
    }
}
