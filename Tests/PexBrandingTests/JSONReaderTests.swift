import XCTest

@testable import PexBranding

/// Reads `text` as UTF-8 bytes.
func readJSON(_ text: String, limits: JSONReaderLimits = JSONReaderLimits()) throws(JSONSyntaxError) -> JSONDocument {
    try JSONReader.read(Array(text.utf8), limits: limits)
}

/// The error `JSONReader` throws for `bytes`, or nil if it reads them.
func jsonSyntaxError(in bytes: [UInt8], limits: JSONReaderLimits = JSONReaderLimits()) -> JSONSyntaxError? {
    do {
        _ = try JSONReader.read(bytes, limits: limits)
        return nil
    } catch {
        return error
    }
}

/// `line:column` of a position, for compact assertions.
func lineColumn(_ position: SourcePosition) -> String { "\(position.line):\(position.column)" }

/// `line:column-line:column (offset-offset)` of a range, for compact assertions.
func describeRange(_ range: SourceRange) -> String {
    "\(lineColumn(range.start))-\(lineColumn(range.end)) (\(range.start.offset)-\(range.end.offset))"
}

/// Valid documents: values, decoded strings, numbers as text, and the exact range of every value and key.
final class JSONReaderTests: XCTestCase {
    func testRangesOfEveryValueAndKeyOnOneLine() throws {
        let document = try readJSON(#"{"a": [1, "x"], "b": null}"#)
        XCTAssertEqual(document.warnings, [])
        let root = document.root
        XCTAssertEqual(describeRange(root.range), "1:1-1:27 (0-26)")
        let members = try XCTUnwrap(root.members)
        XCTAssertEqual(members.map(\.key), ["a", "b"])
        XCTAssertEqual(describeRange(members[0].keyRange), "1:2-1:5 (1-4)")
        XCTAssertEqual(describeRange(members[0].value.range), "1:7-1:15 (6-14)")
        let elements = try XCTUnwrap(members[0].value.elements)
        XCTAssertEqual(elements.map(\.value), [.number("1"), .string("x")])
        XCTAssertEqual(describeRange(elements[0].range), "1:8-1:9 (7-8)")
        XCTAssertEqual(describeRange(elements[1].range), "1:11-1:14 (10-13)")
        XCTAssertEqual(describeRange(members[1].keyRange), "1:17-1:20 (16-19)")
        XCTAssertEqual(members[1].value.value, .null)
        XCTAssertEqual(describeRange(members[1].value.range), "1:22-1:26 (21-25)")
    }

    func testRangesAfterCRLFTabsAndMultiByteCharacters() throws {
        // "é" is 2 bytes and "😀" 4, each one column; a tab is one column; CR takes none.
        let document = try readJSON("{\r\n\t\"é\": \"😀x\",\r\n\t\"k\": [true]\r\n}")
        let root = document.root
        XCTAssertEqual(describeRange(root.range), "1:1-4:2 (0-35)")
        let members = try XCTUnwrap(root.members)
        XCTAssertEqual(members.map(\.key), ["é", "k"])
        XCTAssertEqual(describeRange(members[0].keyRange), "2:2-2:5 (4-8)")
        XCTAssertEqual(members[0].value.value, .string("😀x"))
        XCTAssertEqual(describeRange(members[0].value.range), "2:7-2:11 (10-17)")
        XCTAssertEqual(describeRange(members[1].keyRange), "3:2-3:5 (21-24)")
        XCTAssertEqual(describeRange(members[1].value.range), "3:7-3:13 (26-32)")
        let flag = try XCTUnwrap(members[1].value.elements?.first)
        XCTAssertEqual(flag.value, .bool(true))
        XCTAssertEqual(describeRange(flag.range), "3:8-3:12 (27-31)")
    }

    func testLoneCRTakesNoColumnAndEndsNoLine() throws {
        let document = try readJSON("[1,\r2,\r\n3]")
        let elements = try XCTUnwrap(document.root.elements)
        XCTAssertEqual(describeRange(elements[1].range), "1:4-1:5 (4-5)")
        XCTAssertEqual(describeRange(elements[2].range), "2:1-2:2 (8-9)")
    }

    func testNestedPositionsInASettingsFile() throws {
        let text = """
            {
              "plugins": [
                {"id": "a", "enabled": true},
                {
                  "id": "b",
                  "enabled": false
                }
              ]
            }
            """
        let document = try readJSON(text)
        let plugins = try XCTUnwrap(document.root["plugins"])
        XCTAssertEqual(describeRange(plugins.keyRange), "2:3-2:12 (4-13)")
        XCTAssertEqual(lineColumn(plugins.value.range.start), "2:14")
        XCTAssertEqual(lineColumn(plugins.value.range.end), "8:4")
        let entries = try XCTUnwrap(plugins.value.elements)
        XCTAssertEqual(entries.count, 2)
        XCTAssertEqual(lineColumn(entries[0].range.start), "3:5")
        XCTAssertEqual(lineColumn(entries[0].range.end), "3:33")
        XCTAssertEqual(lineColumn(try XCTUnwrap(entries[0]["enabled"]).keyRange.start), "3:17")
        XCTAssertEqual(lineColumn(entries[1].range.start), "4:5")
        XCTAssertEqual(lineColumn(entries[1].range.end), "7:6")
        let id = try XCTUnwrap(entries[1]["id"])
        XCTAssertEqual(id.value.stringValue, "b")
        XCTAssertEqual(describeRange(id.keyRange), "5:7-5:11 (63-67)")
        XCTAssertEqual(describeRange(id.value.range), "5:13-5:16 (69-72)")
        XCTAssertEqual(try XCTUnwrap(entries[1]["enabled"]).value.value, .bool(false))
        XCTAssertEqual(describeRange(document.root.range), "1:1-9:2 (0-\(text.utf8.count))")
    }

    func testNumbersKeepTheirSourceText() throws {
        let numbers = [
            "0", "-0", "1", "1.0", "1.50", "-1.5e-3", "1e10", "1E+2", "2e-0", "0.000", "12345678901234567890123",
            "1.7976931348623157e309",
        ]
        let document = try readJSON("[" + numbers.joined(separator: ", ") + "]")
        XCTAssertEqual(document.root.elements?.map(\.value), numbers.map { .number($0) })
        for number in numbers {
            XCTAssertEqual(try readJSON(" \(number)\n").root.value, .number(number), number)
        }
    }

    func testStringsAreDecoded() throws {
        let cases: [(json: String, expected: String)] = [
            (#""""#, ""),
            (#""plain""#, "plain"),
            (#""\"\\\/\b\f\n\r\t""#, "\"\\/\u{8}\u{C}\n\r\t"),
            (#""caf\u00e9 \u00E9""#, "café é"),
            (#""\uD83D\uDE00 = 😀""#, "😀 = 😀"),
            (#""\u0000x""#, "\u{0}x"),
            (#""a\u0041b""#, "aAb"),
            (#""mixed é and \n escapes 😀""#, "mixed é and \n escapes 😀"),
            (#""curly “quotes” inside are text""#, "curly “quotes” inside are text"),
            (#""// not a comment""#, "// not a comment"),
        ]
        for (json, expected) in cases {
            XCTAssertEqual(try readJSON(json).root.value, .string(expected), json)
        }
    }

    func testKeysAreDecodedAndRangesIncludeTheQuotes() throws {
        let document = try readJSON(#"{"a\nb": 1, "\u00e9": 2}"#)
        let members = try XCTUnwrap(document.root.members)
        XCTAssertEqual(members.map(\.key), ["a\nb", "é"])
        XCTAssertEqual(describeRange(members[0].keyRange), "1:2-1:8 (1-7)")
        XCTAssertEqual(describeRange(members[1].keyRange), "1:13-1:21 (12-20)")
    }

    func testLiteralsEmptyContainersAndRootScalars() throws {
        XCTAssertEqual(try readJSON("true").root.value, .bool(true))
        XCTAssertEqual(try readJSON("false").root.value, .bool(false))
        XCTAssertEqual(try readJSON("null").root.value, .null)
        XCTAssertEqual(try readJSON("{ }").root.value, .object([]))
        XCTAssertEqual(try readJSON("[\r\n]").root.value, .array([]))
        XCTAssertEqual(try readJSON("[[], {}, [[]]]").root.elements?.count, 3)
        let padded = try readJSON("\n\n   \"x\"  \n")
        XCTAssertEqual(padded.root.value, .string("x"))
        XCTAssertEqual(describeRange(padded.root.range), "3:4-3:7 (5-8)")
    }

    func testDuplicateKeysAreKeptInOrderAndWarned() throws {
        let document = try readJSON("{\n  \"id\": 1,\n  \"x\": 0,\n  \"id\": 2\n}")
        XCTAssertEqual(document.root.members?.map(\.key), ["id", "x", "id"])
        XCTAssertEqual(document.root["id"]?.value.value, .number("2"))
        XCTAssertEqual(document.warnings.count, 1)
        let warning = try XCTUnwrap(document.warnings.first)
        XCTAssertEqual(warning.kind, "duplicate-key")
        XCTAssertEqual(warning.errorKind, .duplicateKey)
        XCTAssertEqual(describeRange(warning.range), "4:3-4:7 (25-29)")
        XCTAssertEqual(warning.message, #"duplicate key "id" (first at 2:3)"#)
        XCTAssertTrue(warning.hint?.contains("JSON.parse keeps the last one") == true, warning.hint ?? "nil")
    }

    func testDuplicateKeysInLargeObjectsAndSeparateObjects() throws {
        // More than 16 members switches to a dictionary; the first occurrence must still be the one cited.
        var members = (0..<40).map { "\"k\($0)\": \($0)" }
        members.append("\"k3\": 99")
        members.append("\"k30\": 99")
        members.append("\"k3\": 100")
        let document = try readJSON("{" + members.joined(separator: ",\n") + "}")
        XCTAssertEqual(document.root.members?.count, 43)
        XCTAssertEqual(
            document.warnings.map(\.message),
            [
                #"duplicate key "k3" (first at 4:1)"#, #"duplicate key "k30" (first at 31:1)"#,
                #"duplicate key "k3" (first at 4:1)"#,
            ])
        XCTAssertEqual(document.warnings.map { $0.range.start.line }, [41, 42, 43])

        let separate = try readJSON(#"{"a": {"x": 1}, "b": {"x": 2, "y": {"x": 3}}}"#)
        XCTAssertEqual(separate.warnings, [])
    }

    func testByteOrderMarkIsAWarningAndTakesNoColumn() throws {
        let document = try JSONReader.read([0xEF, 0xBB, 0xBF] + Array(#"{"a": 1}"#.utf8))
        XCTAssertEqual(document.warnings.count, 1)
        let warning = try XCTUnwrap(document.warnings.first)
        XCTAssertEqual(warning.kind, "byte-order-mark")
        XCTAssertEqual(describeRange(warning.range), "1:1-1:1 (0-3)")
        XCTAssertTrue(warning.hint?.contains("UTF-8 without BOM") == true, warning.hint ?? "nil")
        XCTAssertEqual(describeRange(document.root.range), "1:1-1:9 (3-11)")
        XCTAssertEqual(describeRange(try XCTUnwrap(document.root["a"]).keyRange), "1:2-1:5 (4-7)")
    }

    func testWarningsComeInSourceOrder() throws {
        let document = try JSONReader.read([0xEF, 0xBB, 0xBF] + Array(#"{"a": 1, "a": 2}"#.utf8))
        XCTAssertEqual(document.warnings.map(\.kind), ["byte-order-mark", "duplicate-key"])
    }

    func testEveryRangeAgreesWithLineIndex() throws {
        let bytes = [0xEF, 0xBB, 0xBF] + Array("{\r\n\t\"é😀\": [1, {\"x\": \"ü\"}],\n  \"b\" :\r\n null }\n".utf8)
        let document = try JSONReader.read(bytes)
        let index = LineIndex(bytes)
        var ranges: [SourceRange] = []
        var pending = [document.root]
        while let node = pending.popLast() {
            ranges.append(node.range)
            for member in node.members ?? [] {
                ranges.append(member.keyRange)
                pending.append(member.value)
            }
            pending.append(contentsOf: node.elements ?? [])
        }
        XCTAssertEqual(ranges.count, 9)
        for range in ranges {
            XCTAssertEqual(index.range(range.start.offset..<range.end.offset), range)
        }
    }
}
