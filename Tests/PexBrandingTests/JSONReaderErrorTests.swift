import XCTest

@testable import PexBranding

/// Every syntax error kind, with the exact range of the offending token, its message and its hint.
final class JSONReaderErrorTests: XCTestCase {
    /// One broken document: the kind, `line:column-line:column` of the range, and text the message and hint
    /// must contain (or equal, when `exact`).
    struct Case {
        var name: String
        var bytes: [UInt8]
        var kind: JSONErrorKind
        var range: String
        var message: String? = nil
        var hint: String? = nil
        var exact = false
        var limits = JSONReaderLimits()

        init(
            _ name: String, _ text: String, _ kind: JSONErrorKind, _ range: String, message: String? = nil,
            hint: String? = nil, exact: Bool = false
        ) {
            self.init(name, Array(text.utf8), kind, range, message: message, hint: hint, exact: exact)
        }

        init(
            _ name: String, _ bytes: [UInt8], _ kind: JSONErrorKind, _ range: String, message: String? = nil,
            hint: String? = nil, exact: Bool = false
        ) {
            self.name = name
            self.bytes = bytes
            self.kind = kind
            self.range = range
            self.message = message
            self.hint = hint
            self.exact = exact
        }
    }

    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    static let cases: [Case] = [
        // trailing-comma
        Case(
            "trailing comma in object", "{\n  \"a\": 1,\n}", .trailingComma, "2:9-2:10",
            message: "trailing comma before '}' (JSON does not allow it)",
            hint: "remove the comma after the last member",
            exact: true),
        Case(
            "trailing comma in array", "[1, 2, ]", .trailingComma, "1:6-1:7",
            message: "trailing comma before ']' (JSON does not allow it)",
            hint: "remove the comma after the last element",
            exact: true),
        Case("trailing comma after CRLF lines", "{\r\n  \"a\": 1,\r\n}", .trailingComma, "2:9-2:10"),
        Case("trailing comma after multi-byte key", "{\"é😀\": 1,}", .trailingComma, "1:9-1:10"),
        Case("trailing comma after tab", "{\t\"a\": 1,}", .trailingComma, "1:9-1:10"),
        Case("trailing comma before a line break", "[\n  {\"id\": 1},\n  {\"id\": 2},\n]", .trailingComma, "3:12-3:13"),
        // missing-comma
        Case(
            "missing comma between objects", "[\n  {\"a\": 1}\n  {\"b\": 2}\n]", .missingComma, "3:3-3:4",
            message: "expected ',' or ']' before '{'", hint: "add a comma after the previous element", exact: true),
        Case(
            "missing comma between members", "{\n  \"a\": 1\n  \"b\": 2\n}", .missingComma, "3:3-3:6",
            message: "expected ',' or '}' before '\"b\"'", hint: "add a comma after the previous member", exact: true),
        Case("missing comma between numbers", "[1 2]", .missingComma, "1:4-1:5"),
        Case("missing comma before unquoted key", "{\"a\": 1 b: 2}", .missingComma, "1:9-1:10"),
        // single-quotes
        Case(
            "single-quoted value", "{\"a\": 'text'}", .singleQuotes, "1:7-1:13", message: "'text'",
            hint: "JSON strings use double quotes: \"text\""),
        Case("single-quoted key", "{'id': 1}", .singleQuotes, "1:2-1:6", hint: "double quotes"),
        Case("unclosed single quote", "['abc\n]", .singleQuotes, "1:2-1:3", hint: "double quotes"),
        // comment
        Case(
            "line comment", "{\n  // note\n  \"a\": 1\n}", .comment, "2:3-2:10", message: "'// note'",
            hint: "JSON has no comments; remove it"),
        Case("block comment", "{\"a\": 1 /* x */}", .comment, "1:9-1:16"),
        Case("comment after root", "{}\n// end\n", .comment, "2:1-2:7"),
        Case("multi-line block comment", "{\"a\": 1, /* multi\nline */ \"b\": 2}", .comment, "1:10-2:8"),
        Case("unclosed block comment", "[1 /* x", .comment, "1:4-1:8"),
        // smart-quotes
        Case(
            "curly quotes around a key", "{“id”: 1}", .smartQuotes, "1:2-1:3", message: "'“'",
            hint: "replace curly quotes with straight \" — editors and word processors insert them"),
        Case("curly closing quote on a key", "{\"id”: 1, \"b\": 2}", .smartQuotes, "1:5-1:6", message: "'”'"),
        Case("curly closing quote at end of line", "{\"a\": \"x”\n}", .smartQuotes, "1:9-1:10"),
        Case("curly closing quote before comma", "{\"a\": \"x”, \"b\": 1}", .smartQuotes, "1:9-1:10"),
        Case("curly single quotes", "{\"a\": ‘x’}", .smartQuotes, "1:7-1:8", message: "'‘'"),
        // unquoted-key
        Case(
            "unquoted key", "{id: 1}", .unquotedKey, "1:2-1:4", message: "found unquoted key 'id'",
            hint: "put the key in double quotes: \"id\"", exact: false),
        Case(
            "unquoted key after comma", "{\"a\": 1, b-c: 2}", .unquotedKey, "1:10-1:13",
            hint: "put the key in double quotes: \"b-c\""),
        Case("numeric key", "{1: \"one\"}", .unquotedKey, "1:2-1:3"),
        // invalid-escape
        Case("escaped x", "[\"a\\xb\"]", .invalidEscape, "1:4-1:6", message: "'\\x'", hint: "\\\\"),
        Case("escaped single quote", "[\"it\\'s\"]", .invalidEscape, "1:5-1:7", hint: "single quote"),
        Case("short unicode escape", "[\"\\u12G4\"]", .invalidEscape, "1:3-1:8", message: "'\\u12G'"),
        Case("unicode escape cut by quote", "[\"\\u12\"]", .invalidEscape, "1:3-1:7"),
        Case("lone high surrogate", "[\"\\uD83D\"]", .invalidEscape, "1:3-1:9", message: "surrogate"),
        Case("lone low surrogate", "[\"\\uDE00\"]", .invalidEscape, "1:3-1:9", message: "surrogate"),
        Case("high surrogate then text", "[\"\\uD83Dx\"]", .invalidEscape, "1:3-1:9"),
        Case("two high surrogates", "[\"\\uD83D\\uD83D\"]", .invalidEscape, "1:3-1:9"),
        Case("backslash at end of line", "[\"a\\\n\"]", .invalidEscape, "1:4-1:5", message: "end of a line"),
        // control-character
        Case(
            "raw line break", "{\"a\": \"abc\n\"}", .controlCharacter, "1:11-2:1",
            message: "unescaped line break in string", exact: false),
        Case("raw CRLF", "{\"a\": \"abc\r\n\"}", .controlCharacter, "1:11-2:1", message: "line break"),
        Case("raw tab", "[\"a\tb\"]", .controlCharacter, "1:4-1:5", message: "unescaped tab in string"),
        Case("raw control", "[\"a\u{1}b\"]", .controlCharacter, "1:4-1:5", message: "U+0001", hint: "\\u0001"),
        // unterminated-string
        Case("unterminated string", "{\"a\": \"abc", .unterminatedString, "1:7-1:11", message: "no closing"),
        Case("unterminated after backslash", "[\"abc\\", .unterminatedString, "1:2-1:7"),
        // truncated
        Case(
            "truncated nested", "{\n  \"a\": {\n    \"b\": [1, 2", .truncated, "3:15-3:15",
            message: "unexpected end of file: the array opened at 3:10 is never closed", hint: "add the missing ']}}'",
            exact: true),
        Case(
            "truncated object", "{\"a\": {", .truncated, "1:8-1:8", message: "the object opened at 1:7 is never closed"
        ),
        Case("truncated after key", "{\"a\"", .truncated, "1:5-1:5"),
        Case("truncated after colon", "{\"a\":\n", .truncated, "2:1-2:1"),
        Case("truncated after comma in object", "{\"a\": 1,", .truncated, "1:9-1:9"),
        Case("truncated after comma in array", "[1,", .truncated, "1:4-1:4"),
        // unexpected-token
        Case("undefined", "{\"a\": undefined}", .unexpectedToken, "1:7-1:16", message: "found 'undefined'"),
        Case(
            "capitalised True", "[True]", .unexpectedToken, "1:2-1:6", message: "found 'True'",
            hint: "JSON literals are lower-case: true", exact: false),
        Case("capitalised NULL", "[NULL]", .unexpectedToken, "1:2-1:6", hint: "JSON literals are lower-case: null"),
        Case("NaN", "[NaN]", .unexpectedToken, "1:2-1:5", message: "finite", hint: "null"),
        Case("-Infinity", "[-Infinity]", .unexpectedToken, "1:2-1:11", message: "found '-Infinity'"),
        Case("leading zero", "[01]", .unexpectedToken, "1:2-1:4", message: "found '01'", hint: "write 1"),
        Case("plus sign", "[+1]", .unexpectedToken, "1:2-1:4", message: "found '+1'", hint: "write 1"),
        Case("leading dot", "[.5]", .unexpectedToken, "1:2-1:4", message: "found '.5'", hint: "write 0.5"),
        Case("hex", "[0x1F]", .unexpectedToken, "1:2-1:6", message: "found '0x1F'", hint: "write 31"),
        Case("trailing dot", "[1.]", .unexpectedToken, "1:2-1:4", hint: "write 1.0"),
        Case("empty exponent", "[1e]", .unexpectedToken, "1:2-1:4", message: "exponent"),
        Case("lone minus", "[-]", .unexpectedToken, "1:2-1:3", message: "found '-'"),
        Case("version number", "{\"v\": 1.0.0}", .unexpectedToken, "1:7-1:12", hint: "\"1.0.0\""),
        Case("partial literal", "[tru]", .unexpectedToken, "1:2-1:5", message: "found 'tru'"),
        Case("bare word value", "{\"a\": yes}", .unexpectedToken, "1:7-1:10", hint: "\"yes\""),
        Case(
            "missing colon", "{\"a\" 1}", .unexpectedToken, "1:6-1:7",
            message: "expected ':' after key \"a\", found '1'", hint: "put ':' between the key and its value",
            exact: true),
        Case("equals instead of colon", "{\"a\" = 1}", .unexpectedToken, "1:6-1:7", hint: "not '='"),
        Case("mismatched bracket", "[1}", .unexpectedToken, "1:3-1:4", hint: "opened at 1:1"),
        Case(
            "missing value", "{\"a\": }", .unexpectedToken, "1:7-1:8",
            message: "expected a value for \"a\", found '}'"),
        Case("double comma", "[1,,2]", .unexpectedToken, "1:4-1:5", hint: "remove the extra comma"),
        Case("comma first in object", "{,}", .unexpectedToken, "1:2-1:3"),
        Case("colon in array", "[\"a\": 1]", .unexpectedToken, "1:5-1:6", hint: "arrays hold values"),
        Case("slash", "[/]", .unexpectedToken, "1:2-1:3"),
        Case("no-break space", "{\"a\":\u{A0}1}", .unexpectedToken, "1:6-1:7", message: "U+00A0", hint: "invisible"),
        Case("form feed", "[\u{C}1]", .unexpectedToken, "1:2-1:3", message: "U+000C"),
        Case(
            "second byte-order mark", byteOrderMark + byteOrderMark + Array("{}".utf8), .unexpectedToken,
            "1:1-1:2", message: "U+FEFF"),
        Case("bad token after byte-order mark", byteOrderMark + Array("{,}".utf8), .unexpectedToken, "1:2-1:3"),
        // trailing-content
        Case(
            "two root objects", "{}\n{}", .trailingContent, "2:1-2:2", message: "after the end of the JSON value",
            hint: "wrap them in [ ]"),
        Case("extra closing brace", "{\"a\":1}}", .trailingContent, "1:8-1:9"),
        Case("comma after root", "{},", .trailingContent, "1:3-1:4", hint: "remove the comma"),
        Case("two root strings", "\"x\" \"y\"", .trailingContent, "1:5-1:8", message: "'\"y\"'"),
        Case("text after root", "nullx", .unexpectedToken, "1:1-1:6"),
        Case("word after root", "null x", .trailingContent, "1:6-1:7"),
        // empty
        Case("empty file", "", .empty, "1:1-1:1", message: "file is empty; expected a JSON value", exact: true),
        Case("whitespace-only file", "  \n  ", .empty, "2:3-2:3"),
        Case("byte-order mark only", byteOrderMark, .empty, "1:1-1:1"),
        // invalid-utf8
        Case(
            "Latin-1 byte in string", Array("[\"caf".utf8) + [0xE9] + Array("\"]".utf8), .invalidUTF8, "1:6-1:7",
            message: "0xE9", hint: "save it as UTF-8"),
        Case("bad byte after é", Array("[\"é".utf8) + [0xFF] + Array("\"]".utf8), .invalidUTF8, "1:4-1:5"),
        Case("UTF-16 file", [0xFF, 0xFE, 0x7B, 0x00], .invalidUTF8, "1:1-1:2", hint: "UTF-16"),
        Case("overlong encoding", [0x5B, 0xC0, 0x80, 0x5D], .invalidUTF8, "1:2-1:3"),
        Case("encoded surrogate", Array("[\"".utf8) + [0xED, 0xA0, 0x80] + Array("\"]".utf8), .invalidUTF8, "1:3-1:4"),
        Case("cut-short sequence", Array("[\"".utf8) + [0xE2, 0x80], .invalidUTF8, "1:3-1:4"),
        Case("stray continuation byte outside string", [0x5B, 0x80, 0x5D], .invalidUTF8, "1:2-1:3"),
    ]

    func testEveryErrorKindAtItsExactPosition() {
        for testCase in Self.cases {
            guard let error = jsonSyntaxError(in: testCase.bytes, limits: testCase.limits) else {
                XCTFail("\(testCase.name): read without error")
                continue
            }
            let label = "\(testCase.name): \(error.message)"
            XCTAssertEqual(error.kind, testCase.kind.rawValue, label)
            XCTAssertEqual("\(lineColumn(error.range.start))-\(lineColumn(error.range.end))", testCase.range, label)
            if let message = testCase.message {
                if testCase.exact {
                    XCTAssertEqual(error.message, message, label)
                } else {
                    XCTAssertTrue(error.message.contains(message), "\(label) lacks \(message)")
                }
            }
            if let hint = testCase.hint {
                if testCase.exact {
                    XCTAssertEqual(error.hint, hint, label)
                } else {
                    XCTAssertTrue(
                        error.hint?.contains(hint) == true, "\(label): hint \(error.hint ?? "nil") lacks \(hint)")
                }
            }
            // Positions must be the ones a diagnostics renderer computes from the bytes.
            assertConsistentWithLineIndex(error, testCase.bytes, label)
            XCTAssertLessThanOrEqual(error.range.end.offset, testCase.bytes.count, label)
        }
    }

    func testTableCoversEveryErrorKind() {
        let covered = Set(Self.cases.map(\.kind))
        // too-deep and too-large need limits and have their own tests in JSONReaderLimitsTests.
        let expected = Set(JSONErrorKind.allCases.filter { !$0.isWarning && $0 != .tooDeep && $0 != .tooLarge })
        XCTAssertEqual(expected.subtracting(covered), [])
    }

    func testEveryErrorHasAMessageAndEveryCommonMistakeAHint() {
        for testCase in Self.cases {
            guard let error = jsonSyntaxError(in: testCase.bytes) else { continue }
            XCTAssertFalse(error.message.isEmpty, testCase.name)
            if testCase.kind != .unexpectedToken && testCase.kind != .truncated {
                XCTAssertNotNil(error.hint, testCase.name)
            }
        }
    }

    func testTheFirstErrorWins() {
        // A trailing comma on line 2 comes before the comment on line 3 and the bad byte on line 4.
        let bytes = Array("{\n  \"a\": [1,],\n  // later\n  \"b\": \"".utf8) + [0xFF] + Array("\"\n}".utf8)
        let error = jsonSyntaxError(in: bytes)
        XCTAssertEqual(error?.kind, "trailing-comma")
        XCTAssertEqual(error.map { lineColumn($0.range.start) }, "2:10")
    }

    func testOffsetsOfErrorsAfterMultiByteCharactersAndByteOrderMark() {
        let afterEmoji = jsonSyntaxError(in: Array("{\"é😀\": 1,}".utf8))
        XCTAssertEqual(afterEmoji?.range.start.offset, 12)
        let afterMark = jsonSyntaxError(in: Self.byteOrderMark + Array("{,}".utf8))
        XCTAssertEqual(afterMark?.range.start, SourcePosition(line: 1, column: 2, offset: 4))
    }

    func testEveryPrefixOfAValidDocumentFailsCleanly() throws {
        let text =
            "{\"plugins\": [{\"id\": \"é😀\\n\\u00e9\", \"n\": -1.5e+3, \"ok\": true, \"no\": null}], \"x\": [false]}"
        let bytes = Array(text.utf8)
        XCTAssertNoThrow(try JSONReader.read(bytes))
        let allowed: Set<String> = ["truncated", "unterminated-string", "empty", "unexpected-token", "invalid-utf8"]
        for length in 0..<bytes.count {
            let prefix = Array(bytes[..<length])
            guard let error = jsonSyntaxError(in: prefix) else {
                XCTFail("prefix of \(length) bytes read without error")
                continue
            }
            XCTAssertTrue(allowed.contains(error.kind), "\(length): \(error.kind) \(error.message)")
            XCTAssertLessThanOrEqual(error.range.end.offset, length)
            assertConsistentWithLineIndex(error, prefix, error.message)
        }
    }

    func testMutatedDocumentsNeverCrashAndPointInsideTheFile() {
        // Deterministic byte flips over a realistic file; every outcome must be a document or a positioned error.
        let base = Array(
            """
            {
              "plugins": [
                {"id": "hide-api-users", "srcURL": "plugins/hide/plugin.json", "enabled": true},
                {"id": "café 😀", "srcURL": "x.json", "enabled": false, "n": [1, -2.5e3, null]}
              ]
            }
            """.utf8)
        let alphabet: [UInt8] = Array("{}[],:\"'\\/ \n\r\t0-.eE+uaxtfn".utf8) + [0x00, 0x80, 0xC3, 0xE2, 0xF0, 0xFF]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        for _ in 0..<3000 {
            var bytes = base
            for _ in 0..<(1 + next() % 3) {
                bytes[next() % bytes.count] = alphabet[next() % alphabet.count]
            }
            if let error = jsonSyntaxError(in: bytes) {
                XCTAssertNotNil(error.errorKind, error.kind)
                XCTAssertLessThanOrEqual(error.range.start.offset, error.range.end.offset)
                XCTAssertLessThanOrEqual(error.range.end.offset, bytes.count)
                assertConsistentWithLineIndex(error, bytes, error.message)
            }
        }
    }

    /// The range is the one a renderer computes from the bytes (an invalid byte is drawn as one column wide).
    private func assertConsistentWithLineIndex(
        _ error: JSONSyntaxError, _ bytes: [UInt8], _ label: String, line: UInt = #line
    ) {
        let lines = LineIndex(bytes)
        XCTAssertEqual(lines.position(atOffset: error.range.start.offset), error.range.start, label, line: line)
        if error.kind == "invalid-utf8" {
            XCTAssertEqual(error.range.end.column, error.range.start.column + 1, label, line: line)
            XCTAssertEqual(error.range.end.offset, error.range.start.offset + 1, label, line: line)
        } else {
            XCTAssertEqual(lines.position(atOffset: error.range.end.offset), error.range.end, label, line: line)
        }
    }
}
