/// The stable `kind` strings of `JSONSyntaxError`, so rule tables and tests need not spell them by hand.
public enum JSONErrorKind: String, CaseIterable, Sendable {
    case trailingComma = "trailing-comma"
    case missingComma = "missing-comma"
    case singleQuotes = "single-quotes"
    case comment
    case smartQuotes = "smart-quotes"
    case unquotedKey = "unquoted-key"
    case invalidEscape = "invalid-escape"
    case controlCharacter = "control-character"
    case unterminatedString = "unterminated-string"
    case truncated
    case unexpectedToken = "unexpected-token"
    case trailingContent = "trailing-content"
    case empty
    case tooDeep = "too-deep"
    case tooLarge = "too-large"
    case invalidUTF8 = "invalid-utf8"
    /// Warning: a key repeated in one object (JSON.parse keeps the last).
    case duplicateKey = "duplicate-key"
    /// Warning: a UTF-8 byte-order mark at the start of the file.
    case byteOrderMark = "byte-order-mark"

    /// True for the kinds `JSONReader` reports in `JSONDocument.warnings` instead of throwing.
    public var isWarning: Bool { self == .duplicateKey || self == .byteOrderMark }
}

extension JSONSyntaxError {
    /// `kind` as a `JSONErrorKind`, or nil for a kind this version does not know.
    public var errorKind: JSONErrorKind? { JSONErrorKind(rawValue: kind) }

    init(_ kind: JSONErrorKind, _ message: String, hint: String?, range: SourceRange) {
        self.init(kind: kind.rawValue, message: message, hint: hint, range: range)
    }
}
