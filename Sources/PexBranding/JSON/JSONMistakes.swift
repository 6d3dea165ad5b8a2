// Every error and warning the reader reports is built here, so their wording and hints stay consistent:
// a message naming the offending token, a range on that token, and a hint for the usual hand-editing mistakes
// (webapp2-plugins.md §3).

extension JSONParser {
    // MARK: Whole file

    func tooLarge() -> JSONSyntaxError {
        // No positions: counting lines in a huge file is exactly the work the limit is there to avoid.
        let start = SourcePosition(line: 1, column: 1, offset: 0)
        return JSONSyntaxError(
            .tooLarge, "file is \(bytes.count) bytes; the limit is \(limits.maximumBytes) bytes",
            hint: "settings and plugin files are small; check that this is the right file",
            range: SourceRange(start: start, end: start))
    }

    mutating func empty() -> JSONSyntaxError {
        JSONSyntaxError(
            .empty, "file is empty; expected a JSON value", hint: "write {} for an empty object",
            range: cursor.range(bytes.count..<bytes.count))
    }

    mutating func byteOrderMark() -> JSONSyntaxError {
        JSONSyntaxError(
            .byteOrderMark, "file starts with a UTF-8 byte-order mark (browsers accept it, some tools do not)",
            hint: "save the file as UTF-8 without BOM", range: cursor.range(0..<cursor.origin))
    }

    mutating func tooDeep() -> JSONSyntaxError {
        JSONSyntaxError(
            .tooDeep,
            "nesting deeper than \(limits.maximumDepth) levels at '\(Character(Unicode.Scalar(bytes[index])))'",
            hint: "flatten the structure; settings and plugin files need only a few levels",
            range: cursor.range(index..<index + 1))
    }

    mutating func truncated() -> JSONSyntaxError {
        let endOfFile = cursor.range(bytes.count..<bytes.count)
        guard let innermost = stack.last else {
            return JSONSyntaxError(.truncated, "unexpected end of file", hint: nil, range: endOfFile)
        }
        let what = innermost.isObject ? "object" : "array"
        let closers = String(stack.reversed().map { $0.isObject ? "}" : "]" })
        return JSONSyntaxError(
            .truncated, "unexpected end of file: the \(what) opened at \(innermost.start.text) is never closed",
            hint: stack.count <= 8 ? "add the missing '\(closers)'" : "close the \(stack.count) open brackets",
            range: endOfFile)
    }

    mutating func trailingContent(after root: JSONNode) -> JSONSyntaxError {
        if let mistake = commonMistake(at: index) { return mistake }
        let token = self.token(at: index)
        let hint: String
        switch bytes[index] {
        case UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "\""):
            hint = "a JSON file holds one value; to list several, wrap them in [ ] with commas between them"
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
            hint = "remove it, or look for a missing '{' or '[' earlier"
        case UInt8(ascii: ","):
            hint = "remove the comma after the last value"
        default:
            hint = token.hint ?? "remove it"
        }
        return JSONSyntaxError(
            .trailingContent,
            "unexpected \(token.display) after the end of the JSON value (which ended at \(root.range.end.text))",
            hint: hint, range: cursor.range(token.offsets))
    }

    // MARK: Structure

    mutating func trailingComma(at comma: Int) -> JSONSyntaxError {
        let isObject = stack[stack.count - 1].isObject
        return JSONSyntaxError(
            .trailingComma, "trailing comma before '\(isObject ? "}" : "]")' (JSON does not allow it)",
            hint: "remove the comma after the last \(isObject ? "member" : "element")",
            range: cursor.range(comma..<comma + 1))
    }

    /// Something other than `,` or the closing bracket after a value inside a container.
    mutating func afterValue(_ previous: JSONNode) -> JSONSyntaxError {
        let top = stack.count - 1
        let isObject = stack[top].isObject
        let closer = isObject ? "}" : "]"
        if case .string = previous.value,
            let curly = suspiciousCurlyQuote(in: previous.range.start.offset + 1..<previous.range.end.offset - 1)
        {
            return smartQuote(at: curly)
        }
        if let mistake = commonMistake(at: index) { return mistake }
        let token = self.token(at: index)
        let byte = bytes[index]
        if JSONParser.startsValue(byte) {
            return JSONSyntaxError(
                .missingComma, "expected ',' or '\(closer)' before \(token.display)",
                hint: "add a comma after the previous \(isObject ? "member" : "element")",
                range: cursor.range(token.offsets))
        }
        var hint = token.hint
        switch byte {
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
            hint = "the \(isObject ? "object" : "array") opened at \(stack[top].start.text) is closed with '\(closer)'"
        case UInt8(ascii: ":") where !isObject:
            hint = "arrays hold values, not key: value pairs; use { } for an object"
        default:
            break
        }
        return JSONSyntaxError(
            .unexpectedToken, "expected ',' or '\(closer)', found \(token.display)", hint: hint,
            range: cursor.range(token.offsets))
    }

    /// Something other than a double-quoted key after `{` or `,`.
    mutating func keyExpected(first: Bool) -> JSONSyntaxError {
        guard index < bytes.count else { return truncated() }
        if let mistake = commonMistake(at: index) { return mistake }
        let expectation = first ? "expected a key in double quotes or '}'" : "expected a key in double quotes"
        if JSONParser.isIdentifierByte(bytes[index]) {
            let end = bytes.wordEnd(from: index) { JSONParser.isIdentifierByte($0) || $0 == 0x2D || $0 == 0x2E }
            let word = bytes.string(index..<end)
            return JSONSyntaxError(
                .unquotedKey, "\(expectation), found unquoted key '\(word)'",
                hint: "put the key in double quotes: \"\(word)\"", range: cursor.range(index..<end))
        }
        let token = self.token(at: index)
        let hint = bytes[index] == UInt8(ascii: ",") ? "remove the extra comma" : token.hint
        return JSONSyntaxError(
            .unexpectedToken, "\(expectation), found \(token.display)", hint: hint, range: cursor.range(token.offsets))
    }

    mutating func colonExpected(afterKey key: String, at keyOffsets: Range<Int>) -> JSONSyntaxError {
        guard index < bytes.count else { return truncated() }
        if let curly = suspiciousCurlyQuote(in: keyOffsets.lowerBound + 1..<keyOffsets.upperBound - 1) {
            return smartQuote(at: curly)
        }
        if let mistake = commonMistake(at: index) { return mistake }
        let token = self.token(at: index)
        let hint =
            bytes[index] == UInt8(ascii: "=")
            ? "use ':' between a key and its value, not '='" : "put ':' between the key and its value"
        return JSONSyntaxError(
            .unexpectedToken, "expected ':' after key \(JSONParser.quoted(key)), found \(token.display)", hint: hint,
            range: cursor.range(token.offsets))
    }

    /// Something that cannot start a value where a value belongs.
    mutating func valueExpected(_ context: JSONValueContext) -> JSONSyntaxError {
        guard index < bytes.count else { return truncated() }
        if let mistake = commonMistake(at: index) { return mistake }
        let byte = bytes[index]
        if byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".") {
            return badWord(index..<bytes.wordEnd(from: index, where: JSONParser.isNumberWordByte), context)
        }
        let token = self.token(at: index)
        var hint = token.hint
        switch (byte, context) {
        case (UInt8(ascii: "}"), .member), (UInt8(ascii: "]"), .member), (UInt8(ascii: ","), .member):
            hint = "write a value after ':' (for example null), or remove the key"
        case (UInt8(ascii: ","), .element):
            hint = "remove the extra comma"
        default:
            break
        }
        return JSONSyntaxError(
            .unexpectedToken, "\(context.expectation), found \(token.display)", hint: hint,
            range: cursor.range(token.offsets))
    }

    /// A word where a value belongs that is not `true`, `false`, `null` or a well-formed number.
    mutating func badWord(_ offsets: Range<Int>, _ context: JSONValueContext) -> JSONSyntaxError {
        let word = bytes.string(offsets)
        let (note, hint) = JSONParser.advice(forWord: word)
        return JSONSyntaxError(
            .unexpectedToken, "\(context.expectation), found '\(word)'" + (note.map { " (\($0))" } ?? ""), hint: hint,
            range: cursor.range(offsets))
    }

    /// What is wrong with a bare word or malformed number, and how to write it instead.
    static func advice(forWord word: String) -> (note: String?, hint: String?) {
        let lower = word.lowercased()
        if ["true", "false", "null"].contains(lower) { return (nil, "JSON literals are lower-case: \(lower)") }
        switch word {
        case "undefined": return ("JSON has no undefined", "use null, or leave the member out")
        case "NaN", "Infinity", "-Infinity", "+Infinity", "-NaN":
            return ("JSON numbers must be finite", "use null or a string instead")
        case "-": return ("a '-' must be followed by digits", nil)
        default: break
        }
        let unsigned = word.hasPrefix("-") ? word.dropFirst() : Substring(word)
        if word.hasPrefix("+") {
            return ("JSON numbers have no '+' sign", "write \(word.dropFirst())")
        }
        if unsigned.hasPrefix("0x") || unsigned.hasPrefix("0X") {
            let sign = word.hasPrefix("-") ? "-" : ""
            if let value = UInt64(unsigned.dropFirst(2), radix: 16) {
                return ("JSON numbers are decimal", "write \(sign)\(value)")
            }
            return ("JSON numbers are decimal", "convert it to decimal")
        }
        if unsigned.hasPrefix(".") {
            return ("a number needs a digit before '.'", "write \(word.hasPrefix("-") ? "-" : "")0\(unsigned)")
        }
        if let second = unsigned.dropFirst().first, unsigned.hasPrefix("0"), second.isASCII, second.isNumber {
            let digits = unsigned.drop { $0 == "0" }
            let fixed = (word.hasPrefix("-") ? "-" : "") + (digits.first?.isNumber == true ? digits : "0" + digits)
            return ("numbers cannot start with 0", "write \(fixed), or \"\(word)\" if it is text")
        }
        if unsigned.hasSuffix(".") { return ("a number needs a digit after '.'", "write \(word)0") }
        if let last = unsigned.last, "eE+-".contains(last), unsigned.first?.isNumber == true {
            return ("an exponent needs digits", "for example 1e5")
        }
        if let first = word.first, first.isLetter || first == "_" || first == "$" {
            return (nil, "strings must be in double quotes: \"\(word)\"")
        }
        return ("not a valid JSON number", "if it is text, put it in double quotes: \"\(word)\"")
    }

    // MARK: Mistakes that read the same wherever they occur

    /// Comments, single or curly quotes, and bad UTF-8 at `offset`: reported as such whatever was expected there.
    mutating func commonMistake(at offset: Int) -> JSONSyntaxError? {
        guard offset < bytes.count else { return nil }
        let byte = bytes[offset]
        if byte >= 0x80 {
            guard let (scalar, _) = bytes.scalar(at: offset) else { return invalidUTF8(at: offset) }
            return JSONParser.isCurlyQuote(scalar) ? smartQuote(at: offset) : nil
        }
        if byte == UInt8(ascii: "/"), offset + 1 < bytes.count,
            bytes[offset + 1] == UInt8(ascii: "/") || bytes[offset + 1] == UInt8(ascii: "*")
        {
            return comment(at: offset)
        }
        if byte == UInt8(ascii: "'") { return singleQuoted(at: offset) }
        return nil
    }

    private mutating func comment(at start: Int) -> JSONSyntaxError {
        var end = start + 2
        if bytes[start + 1] == UInt8(ascii: "/") {
            while end < bytes.count, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
        } else {
            while end + 1 < bytes.count, !(bytes[end] == UInt8(ascii: "*") && bytes[end + 1] == UInt8(ascii: "/")) {
                end += 1
            }
            end = min(end + 2, bytes.count)
        }
        let firstLine = bytes.wordEnd(from: start) { $0 != 0x0A && $0 != 0x0D }
        return JSONSyntaxError(
            .comment, "comment '\(preview(start..<min(end, firstLine)))' (JSON has no comments)",
            hint: "JSON has no comments; remove it", range: cursor.range(start..<end))
    }

    private mutating func singleQuoted(at start: Int) -> JSONSyntaxError {
        var end = start + 1
        var closed = false
        while end < bytes.count, bytes[end] != 0x0A, bytes[end] != 0x0D {
            if bytes[end] == UInt8(ascii: "\\") {
                end += 2
            } else if bytes[end] == UInt8(ascii: "'") {
                closed = true
                end += 1
                break
            } else {
                end += 1
            }
        }
        end = min(end, bytes.count)
        guard closed else {
            return JSONSyntaxError(
                .singleQuotes, "single quote ' where JSON needs a double quote '\"'",
                hint: "JSON strings use double quotes", range: cursor.range(start..<start + 1))
        }
        let inner = bytes.string(start + 1..<end - 1)
        return JSONSyntaxError(
            .singleQuotes, "found \(preview(start..<end)) in single quotes (JSON strings use double quotes)",
            hint: inner.contains("\"")
                ? "JSON strings use double quotes" : "JSON strings use double quotes: \"\(inner)\"",
            range: cursor.range(start..<end))
    }

    mutating func smartQuote(at offset: Int) -> JSONSyntaxError {
        guard let (scalar, length) = bytes.scalar(at: offset) else { return invalidUTF8(at: offset) }
        return JSONSyntaxError(
            .smartQuotes, "curly quote '\(Character(scalar))' where JSON needs a straight '\"'",
            hint: "replace curly quotes with straight \" — editors and word processors insert them",
            range: cursor.range(offset..<offset + length))
    }

    /// A curly double quote inside string content that looks like it was meant to close the string: followed by
    /// `:` or `,` (the structure it swallowed), or ending the content.
    func suspiciousCurlyQuote(in content: Range<Int>, orAtEnd: Bool = false) -> Int? {
        guard content.count >= 3 else { return nil }
        var offset = content.lowerBound
        while offset + 3 <= content.upperBound {
            if bytes[offset] == 0xE2, bytes[offset + 1] == 0x80, bytes[offset + 2] == 0x9C || bytes[offset + 2] == 0x9D
            {
                var next = offset + 3
                while next < content.upperBound, bytes[next] == 0x20 || bytes[next] == 0x09 { next += 1 }
                if next == content.upperBound ? orAtEnd : bytes[next] == UInt8(ascii: ":") || bytes[next] == 0x2C {
                    return offset
                }
            }
            offset += 1
        }
        return nil
    }

    // MARK: Strings

    mutating func controlCharacter(at offset: Int, inStringAt open: Int) -> JSONSyntaxError {
        if let curly = suspiciousCurlyQuote(in: open + 1..<offset, orAtEnd: true) { return smartQuote(at: curly) }
        let byte = bytes[offset]
        switch byte {
        case 0x0A, 0x0D:
            let end = byte == 0x0D && offset + 1 < bytes.count && bytes[offset + 1] == 0x0A ? offset + 2 : offset + 1
            return JSONSyntaxError(
                .controlCharacter, "unescaped line break in string",
                hint: "close the string with '\"' before the end of the line, or write the line break as \\n",
                range: cursor.range(offset..<end))
        case 0x09:
            return JSONSyntaxError(
                .controlCharacter, "unescaped tab in string", hint: "write the tab as \\t",
                range: cursor.range(offset..<offset + 1))
        default:
            let code = JSONParser.hex(UInt32(byte))
            return JSONSyntaxError(
                .controlCharacter, "unescaped control character U+\(code) in string", hint: "write it as \\u\(code)",
                range: cursor.range(offset..<offset + 1))
        }
    }

    mutating func unterminatedString(at open: Int) -> JSONSyntaxError {
        if let curly = suspiciousCurlyQuote(in: open + 1..<bytes.count, orAtEnd: true) { return smartQuote(at: curly) }
        return JSONSyntaxError(
            .unterminatedString,
            "unterminated string \(preview(open..<bytes.count)): no closing '\"' before the end of the file",
            hint: "add the closing '\"'", range: cursor.range(open..<bytes.count))
    }

    mutating func invalidEscape(at backslash: Int) -> JSONSyntaxError {
        let next = backslash + 1
        guard let (scalar, length) = bytes.scalar(at: next) else { return invalidUTF8(at: next) }
        if scalar == "\n" || scalar == "\r" {
            return JSONSyntaxError(
                .invalidEscape, "invalid escape: '\\' at the end of a line",
                hint: "write \\\\ for a backslash, or \\n for a line break", range: cursor.range(backslash..<next))
        }
        let hint =
            scalar == "'"
            ? "a single quote needs no escape in JSON: write ' on its own"
            : "JSON escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX; write \\\\ for a backslash"
        return JSONSyntaxError(
            .invalidEscape, "invalid escape '\\\(JSONParser.visible(scalar))' in string", hint: hint,
            range: cursor.range(backslash..<next + length))
    }

    mutating func badUnicodeEscape(at backslash: Int) -> JSONSyntaxError {
        var end = backslash + 2
        while end < min(backslash + 6, bytes.count), JSONBytes.hexValue(bytes[end]) != nil { end += 1 }
        if end < bytes.count, (0x21..<0x7F).contains(bytes[end]), bytes[end] != UInt8(ascii: "\""),
            bytes[end] != UInt8(ascii: "\\")
        {
            end += 1
        }
        return JSONSyntaxError(
            .invalidEscape, "invalid escape '\(preview(backslash..<end))': \\u needs four hex digits",
            hint: "write \\u followed by four hex digits, e.g. \\u00e9", range: cursor.range(backslash..<end))
    }

    mutating func loneSurrogate(at backslash: Int) -> JSONSyntaxError {
        JSONSyntaxError(
            .invalidEscape,
            "invalid escape '\(preview(backslash..<backslash + 6))': half of a surrogate pair without the other half",
            hint: "write the character itself, or both halves of the pair (e.g. \\uD83D\\uDE00)",
            range: cursor.range(backslash..<backslash + 6))
    }

    mutating func invalidUTF8(at offset: Int) -> JSONSyntaxError {
        // The bad byte is one column wide however it is counted (a stray continuation byte would count as none).
        let start = cursor.position(at: offset)
        let end = SourcePosition(line: start.line, column: start.column + 1, offset: offset + 1)
        return JSONSyntaxError(
            .invalidUTF8, "invalid UTF-8 byte 0x\(JSONParser.hex(UInt32(bytes[offset]), width: 2))",
            hint: looksLikeUTF16
                ? "the file looks like UTF-16; save it as UTF-8"
                : "the file is not UTF-8 (perhaps Latin-1 or Windows-1252); save it as UTF-8",
            range: SourceRange(start: start, end: end))
    }

    private var looksLikeUTF16: Bool {
        bytes.count >= 2
            && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) || bytes[0] == 0
                || bytes[1] == 0)
    }

    // MARK: Warnings

    func duplicateKey(_ key: String, at range: SourceRange, first: SourceRange) -> JSONSyntaxError {
        JSONSyntaxError(
            .duplicateKey, "duplicate key \(JSONParser.quoted(key)) (first at \(first.start.text))",
            hint: "JSON.parse keeps the last one; remove or rename one of them", range: range)
    }

    // MARK: Naming tokens

    /// The token at `offset` as messages name it: a whole string, word or number where there is one.
    mutating func token(at offset: Int) -> JSONToken {
        guard offset < bytes.count else { return JSONToken(offsets: offset..<offset, display: "end of file") }
        let byte = bytes[offset]
        if byte == UInt8(ascii: "\"") {
            var end = offset + 1
            while end < bytes.count, bytes[end] != 0x0A, bytes[end] != 0x0D {
                if bytes[end] == UInt8(ascii: "\\") {
                    end += 1
                } else if bytes[end] == UInt8(ascii: "\"") {
                    end += 1
                    break
                }
                end += 1
            }
            end = min(end, bytes.count)
            return JSONToken(offsets: offset..<end, display: "'\(preview(offset..<end))'")
        }
        if JSONParser.isNumberWordByte(byte) {
            let end = bytes.wordEnd(from: offset, where: JSONParser.isNumberWordByte)
            return JSONToken(offsets: offset..<end, display: "'\(preview(offset..<end))'")
        }
        guard let (scalar, length) = bytes.scalar(at: offset) else {
            return JSONToken(
                offsets: offset..<offset + 1, display: "byte 0x\(JSONParser.hex(UInt32(byte), width: 2))")
        }
        let offsets = offset..<offset + length
        if JSONParser.isInvisible(scalar) {
            let name = (scalar.properties.name ?? scalar.properties.nameAlias)?.lowercased()
            let display = "U+\(JSONParser.hex(scalar.value))" + (name.map { " (\($0))" } ?? "")
            let hint =
                scalar.value == 0 && looksLikeUTF16
                ? "the file looks like UTF-16; save it as UTF-8"
                : "JSON allows only spaces, tabs and line breaks between tokens; remove this invisible character"
            return JSONToken(offsets: offsets, display: display, hint: hint)
        }
        return JSONToken(offsets: offsets, display: "'\(Character(scalar))'")
    }

    /// Source text for a message, cut to a readable length.
    func preview(_ offsets: Range<Int>) -> String {
        let text = bytes.string(offsets.clamped(to: 0..<bytes.count))
        let scalars = text.unicodeScalars
        guard scalars.count > 40 else { return text }
        return String(String.UnicodeScalarView(scalars.prefix(39))) + "…"
    }

    static func quoted(_ key: String) -> String {
        let scalars = key.unicodeScalars
        let shown = scalars.count > 40 ? String(String.UnicodeScalarView(scalars.prefix(39))) + "…" : key
        return "\"\(shown)\""
    }

    static func startsValue(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[")
            || byte == UInt8(ascii: "-") || isIdentifierByte(byte)
    }

    static func isCurlyQuote(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2018, 0x2019, 0x201C, 0x201D, 0x201E: return true
        default: return false
        }
    }

    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator, .unassigned, .privateUse,
            .surrogate:
            return true
        default:
            return false
        }
    }

    static func visible(_ scalar: Unicode.Scalar) -> String {
        isInvisible(scalar) ? "U+\(hex(scalar.value))" : String(Character(scalar))
    }

    static func hex(_ value: UInt32, width: Int = 4) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

/// A token as an error message names it.
struct JSONToken {
    var offsets: Range<Int>
    /// `'"b"'`, `'undefined'`, `U+00A0 (no-break space)`, `end of file`.
    var display: String
    /// Advice that follows from the token alone (an invisible character), if any.
    var hint: String? = nil
}

extension JSONValueContext {
    var expectation: String {
        switch self {
        case .root: return "expected a JSON value"
        case .element: return "expected a value"
        case .member(let key): return "expected a value for \(JSONParser.quoted(key))"
        }
    }
}

extension SourcePosition {
    /// `line:column`, as messages cite other places in the file.
    fileprivate var text: String { "\(line):\(column)" }
}
