/// Splits JavaScript source into tokens in one pass over the bytes, skipping comments and whitespace and
/// keeping strings, template literals and regular expressions whole, so that no `registerPlugin(` inside
/// them is mistaken for code. Not a validator: malformed input still yields tokens, never an error.
struct JavaScriptTokenizer {
    /// Keywords after which `/` starts a regular expression rather than a division.
    private static let regexKeywords: Set<[UInt8]> = Set(
        [
            "return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do", "else",
            "yield", "await",
        ].map { Array($0.utf8) })

    private let bytes: [UInt8]
    private var tokens: [JavaScriptToken] = []
    private var index = 0
    private var newline = false
    private var braceDepth = 0
    /// Brace depth at each open `${`, so its `}` resumes the template instead of closing a block.
    private var substitutions: [Int] = []

    static func tokenize(_ bytes: [UInt8]) -> [JavaScriptToken] {
        var tokenizer = JavaScriptTokenizer(bytes: bytes)
        tokenizer.run()
        return tokenizer.tokens
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
        // Measured on the sample plugins: a token per 8–9 bytes of readable source; minified code is denser.
        tokens.reserveCapacity(bytes.count / 8)
    }

    private mutating func run() {
        let count = bytes.count
        if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        if index + 1 < count, bytes[index] == UInt8(ascii: "#"), bytes[index + 1] == UInt8(ascii: "!") {
            skipLine()
        }
        while index < count {
            let byte = bytes[index]
            switch byte {
            case 0x0A, 0x0D:
                newline = true
                index += 1
            case 0x20, 0x09, 0x0B, 0x0C:
                index += 1
            case UInt8(ascii: "/"):
                let next = peek(1)
                if next == UInt8(ascii: "/") {
                    skipLine()
                } else if next == UInt8(ascii: "*") {
                    skipBlockComment()
                } else if regexAllowed(), scanRegex() {
                    break
                } else {
                    emit(.punctuator, from: index, to: index + 1)
                }
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                scanString(quote: byte)
            case UInt8(ascii: "`"):
                scanTemplate(from: index, continues: false)
            case UInt8(ascii: "{"):
                braceDepth += 1
                emit(.punctuator, from: index, to: index + 1)
            case UInt8(ascii: "}"):
                if let depth = substitutions.last, depth == braceDepth {
                    substitutions.removeLast()
                    braceDepth -= 1
                    scanTemplate(from: index, continues: true)
                } else {
                    braceDepth -= 1
                    emit(.punctuator, from: index, to: index + 1)
                }
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                scanNumber()
            case UInt8(ascii: "."):
                if let next = peek(1), Self.isDigit(next) {
                    scanNumber()
                } else if peek(1) == UInt8(ascii: "."), peek(2) == UInt8(ascii: ".") {
                    emit(.punctuator, from: index, to: index + 3)
                } else {
                    emit(.punctuator, from: index, to: index + 1)
                }
            case UInt8(ascii: "="):
                emit(.punctuator, from: index, to: peek(1) == UInt8(ascii: ">") ? index + 2 : index + 1)
            default:
                if byte >= 0x80 {
                    scanNonASCII()
                } else if Self.isIdentifierStart(byte) {
                    scanIdentifier()
                } else {
                    emit(.punctuator, from: index, to: index + 1)
                }
            }
        }
    }

    // MARK: pieces

    private func peek(_ distance: Int) -> UInt8? {
        index + distance < bytes.count ? bytes[index + distance] : nil
    }

    private mutating func emit(
        _ kind: JavaScriptToken.Kind, from start: Int, to end: Int, continues: Bool = false, opens: Bool = false
    ) {
        tokens.append(
            JavaScriptToken(
                kind: kind, start: start, end: end, followsNewline: newline, continuesTemplate: continues,
                opensSubstitution: opens))
        newline = false
        index = end
    }

    private mutating func skipLine() {
        while index < bytes.count, bytes[index] != 0x0A, bytes[index] != 0x0D { index += 1 }
    }

    private mutating func skipBlockComment() {
        index += 2
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "*"), peek(1) == UInt8(ascii: "/") {
                index += 2
                return
            }
            if bytes[index] == 0x0A || bytes[index] == 0x0D { newline = true }
            index += 1
        }
    }

    /// Stops at an unescaped line break too: an unterminated string should not swallow the rest of the file.
    private mutating func scanString(quote: UInt8) {
        let start = index
        var cursor = index + 1
        while cursor < bytes.count {
            let byte = bytes[cursor]
            if byte == quote {
                cursor += 1
                break
            }
            if byte == UInt8(ascii: "\\") {
                cursor += 2
                if cursor - 1 < bytes.count, bytes[cursor - 1] == 0x0D, cursor < bytes.count, bytes[cursor] == 0x0A {
                    cursor += 1
                }
                continue
            }
            if byte == 0x0A || byte == 0x0D { break }
            cursor += 1
        }
        emit(.string, from: start, to: min(cursor, bytes.count))
    }

    private mutating func scanTemplate(from start: Int, continues: Bool) {
        var cursor = start + 1
        while cursor < bytes.count {
            let byte = bytes[cursor]
            if byte == UInt8(ascii: "\\") {
                cursor += 2
                continue
            }
            if byte == UInt8(ascii: "`") {
                emit(.template, from: start, to: cursor + 1, continues: continues)
                return
            }
            if byte == UInt8(ascii: "$"), cursor + 1 < bytes.count, bytes[cursor + 1] == UInt8(ascii: "{") {
                braceDepth += 1
                substitutions.append(braceDepth)
                emit(.template, from: start, to: cursor + 2, continues: continues, opens: true)
                return
            }
            cursor += 1
        }
        emit(.template, from: start, to: bytes.count, continues: continues)
    }

    /// A `/` where an expression may start begins a regular expression; after a value it divides.
    private func regexAllowed() -> Bool {
        guard let previous = tokens.last else { return true }
        switch previous.kind {
        case .number, .string, .regex:
            return false
        case .template:
            return previous.opensSubstitution
        case .identifier:
            return Self.regexKeywords.contains(Array(bytes[previous.start..<previous.end]))
        case .punctuator:
            let byte = bytes[previous.start]
            // `}` is ambiguous (block or object literal); a regex after a block is the likelier reading.
            return !(previous.end - previous.start == 1 && (byte == UInt8(ascii: ")") || byte == UInt8(ascii: "]")))
        }
    }

    /// False (nothing consumed) when no closing `/` is found on the line: then it was a division after all.
    private mutating func scanRegex() -> Bool {
        var cursor = index + 1
        var inClass = false
        while cursor < bytes.count {
            let byte = bytes[cursor]
            if byte == 0x0A || byte == 0x0D { return false }
            if byte == UInt8(ascii: "\\") {
                cursor += 2
                continue
            }
            if inClass {
                if byte == UInt8(ascii: "]") { inClass = false }
            } else if byte == UInt8(ascii: "[") {
                inClass = true
            } else if byte == UInt8(ascii: "/") {
                cursor += 1
                while cursor < bytes.count, Self.isIdentifierPart(bytes[cursor]) { cursor += 1 }
                emit(.regex, from: index, to: cursor)
                return true
            }
            cursor += 1
        }
        return false
    }

    private mutating func scanNumber() {
        var cursor = index
        while cursor < bytes.count {
            let byte = bytes[cursor]
            if Self.isIdentifierPart(byte) || byte == UInt8(ascii: ".") {
                cursor += 1
            } else if byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-"), cursor > index,
                bytes[cursor - 1] | 0x20 == UInt8(ascii: "e"), !isHexNumber(from: index)
            {
                cursor += 1
            } else {
                break
            }
        }
        emit(.number, from: index, to: cursor)
    }

    private func isHexNumber(from start: Int) -> Bool {
        start + 1 < bytes.count && bytes[start] == UInt8(ascii: "0") && bytes[start + 1] | 0x20 == UInt8(ascii: "x")
    }

    private mutating func scanIdentifier() {
        var cursor = index
        while cursor < bytes.count {
            let byte = bytes[cursor]
            if byte == UInt8(ascii: "\\") {
                cursor += 2
            } else if Self.isIdentifierPart(byte) || (byte >= 0x80 && !isUnicodeSpace(at: cursor)) {
                cursor += 1
            } else {
                break
            }
        }
        emit(.identifier, from: index, to: min(cursor, bytes.count))
    }

    /// No-break space, the byte-order mark, and the line and paragraph separators (which end lines) are
    /// white space; any other non-ASCII character is taken as part of an identifier.
    private mutating func scanNonASCII() {
        if let length = unicodeSpaceLength(at: index) {
            if bytes[index] == 0xE2 { newline = true }
            index += length
        } else {
            scanIdentifier()
        }
    }

    private func isUnicodeSpace(at position: Int) -> Bool { unicodeSpaceLength(at: position) != nil }

    private func unicodeSpaceLength(at position: Int) -> Int? {
        let byte = bytes[position]
        let second = position + 1 < bytes.count ? bytes[position + 1] : 0
        let third = position + 2 < bytes.count ? bytes[position + 2] : 0
        if byte == 0xC2, second == 0xA0 { return 2 }
        if byte == 0xEF, second == 0xBB, third == 0xBF { return 3 }
        if byte == 0xE2, second == 0x80, third == 0xA8 || third == 0xA9 { return 3 }
        return nil
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    static func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")) || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: "$") || byte == UInt8(ascii: "#") || byte == UInt8(ascii: "\\")
    }

    static func isIdentifierPart(_ byte: UInt8) -> Bool {
        (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")) || isDigit(byte)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$")
    }
}
