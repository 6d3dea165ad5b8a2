import Foundation
import XCTest

@testable import PexBranding

/// Textual JSON edits change one value or add one member/element, and leave every other byte as it was.
final class JSONEditTests: XCTestCase {
    private func edited(_ text: String, _ edit: ([UInt8]) throws -> [UInt8]) throws -> String {
        String(decoding: try edit(Array(text.utf8)), as: UTF8.self)
    }

    private let entry: [(key: String, literal: String)] = [
        ("id", "\"new\""), ("srcURL", "\"plugins/new/new.plugin.json\""), ("enabled", "true"),
    ]

    /// Asserts `after` is `before` with `inserted` put in at one place and nothing else changed.
    private func assertOnlyInserted(
        _ inserted: String, before: String, after: String, file: StaticString = #filePath, line: UInt = #line
    ) {
        let b = Array(before.utf8)
        let a = Array(after.utf8)
        let prefix = zip(a, b).prefix { $0 == $1 }.count
        let suffix = zip(a.reversed(), b.reversed()).prefix { $0 == $1 }.count
        let kept = min(prefix + suffix, b.count)
        XCTAssertEqual(kept, b.count, "bytes of the original changed", file: file, line: line)
        XCTAssertEqual(a.count - b.count, Array(inserted.utf8).count, after, file: file, line: line)
        XCTAssertTrue(after.contains(inserted), after, file: file, line: line)
    }

    func testReplacingAStringValueKeepsEverythingElse() throws {
        let before = "{\n\t\"brandingID\" : \"1521829718679\",   \"isSettingsBranded\": true,\n\t\"x\": [1.0, 2e3]\n}\n"
        let after = try edited(before) {
            try JSONTextEditor.settingMember("brandingID", to: "\"1700000000000\"", in: $0)
        }
        XCTAssertEqual(after, before.replacingOccurrences(of: "1521829718679", with: "1700000000000"))
    }

    func testReplacingKeepsTheLastOfDuplicateKeysAsJSONParseDoes() throws {
        let before = #"{"brandingID": "1", "brandingID": "2"}"#
        let after = try edited(before) { try JSONTextEditor.settingMember("brandingID", to: "\"3\"", in: $0) }
        XCTAssertEqual(after, #"{"brandingID": "1", "brandingID": "3"}"#)
    }

    func testAddingAMemberMatchesTheIndentationAndLineEndings() throws {
        let crlf = "{\r\n    \"brandingID\": \"1\"\r\n}\r\n"
        XCTAssertEqual(
            try edited(crlf) { try JSONTextEditor.settingMember("isSettingsBranded", to: "true", in: $0) },
            "{\r\n    \"brandingID\": \"1\",\r\n    \"isSettingsBranded\": true\r\n}\r\n")
        let oneLine = "{ \"brandingID\": 1 }"
        XCTAssertEqual(
            try edited(oneLine) { try JSONTextEditor.settingMember("isSettingsBranded", to: "true", in: $0) },
            "{ \"brandingID\": 1, \"isSettingsBranded\": true }")
        XCTAssertEqual(
            try edited("{}") { try JSONTextEditor.settingMember("a", to: "1", in: $0) }, "{\n  \"a\": 1\n}")
    }

    func testAByteOrderMarkStaysAndOffsetsStillLineUp() throws {
        let before = "\u{FEFF}{\"brandingID\": \"1\"}"
        let after = try edited(before) { try JSONTextEditor.settingMember("brandingID", to: "\"2\"", in: $0) }
        XCTAssertEqual(after, "\u{FEFF}{\"brandingID\": \"2\"}")
    }

    func testAppendingToAListOfMultiLineObjects() throws {
        let before = """
            {
              "applicationName": "Example",
              "plugins": [
                {
                  "id": "recorder-1.0",
                  "srcURL": "plugins/recorder/recorder.plugin.json",
                  "enabled": true
                }
              ]
            }

            """
        let after = try edited(before) { try JSONTextEditor.appendingObject(self.entry, toArray: "plugins", in: $0) }
        let inserted = """
            ,
                {
                  "id": "new",
                  "srcURL": "plugins/new/new.plugin.json",
                  "enabled": true
                }
            """
        assertOnlyInserted(inserted, before: before, after: after)
        XCTAssertNoThrow(try JSONReader.read(Array(after.utf8)))
    }

    func testAppendingToAListOfOneLineObjects() throws {
        let before = "{\"plugins\": [\n\t\t{ \"id\": \"a\", \"srcURL\": \"a.json\", \"enabled\": true }\n\t]\n}"
        let after = try edited(before) { try JSONTextEditor.appendingObject(self.entry, toArray: "plugins", in: $0) }
        assertOnlyInserted(
            ",\n\t\t{ \"id\": \"new\", \"srcURL\": \"plugins/new/new.plugin.json\", \"enabled\": true }",
            before: before, after: after)
    }

    func testAppendingToAOneLineList() throws {
        let before = #"{"plugins": [{"id": "a"}], "other": 1}"#
        let after = try edited(before) { try JSONTextEditor.appendingObject(self.entry, toArray: "plugins", in: $0) }
        XCTAssertEqual(
            after,
            #"{"plugins": [{"id": "a"}, {"id": "new", "srcURL": "plugins/new/new.plugin.json", "enabled": true}], "other": 1}"#
        )
    }

    func testAppendingToAnEmptyListOpensItUp() throws {
        let before = "{\r\n  \"plugins\": [],\r\n  \"other\": 1\r\n}\r\n"
        let after = try edited(before) { try JSONTextEditor.appendingObject(self.entry, toArray: "plugins", in: $0) }
        XCTAssertEqual(
            after,
            "{\r\n  \"plugins\": [\r\n    {\"id\": \"new\", \"srcURL\": \"plugins/new/new.plugin.json\", \"enabled\": true}"
                + "\r\n  ],\r\n  \"other\": 1\r\n}\r\n")
    }

    func testAppendingCreatesAMissingList() throws {
        let before = "{\n  \"applicationName\": \"x\"\n}\n"
        let after = try edited(before) { try JSONTextEditor.appendingObject(self.entry, toArray: "plugins", in: $0) }
        XCTAssertEqual(
            after,
            "{\n  \"applicationName\": \"x\",\n  \"plugins\": [\n    "
                + "{\"id\": \"new\", \"srcURL\": \"plugins/new/new.plugin.json\", \"enabled\": true}\n  ]\n}\n")
    }

    func testShapesThatCannotBeEditedAreErrors() {
        XCTAssertThrowsError(try JSONTextEditor.appendingObject(entry, toArray: "plugins", in: Array("[]".utf8))) {
            XCTAssertEqual(($0 as? JSONEditError)?.message, "not a JSON object: it holds an empty list")
        }
        XCTAssertThrowsError(
            try JSONTextEditor.appendingObject(entry, toArray: "plugins", in: Array(#"{"plugins": {}}"#.utf8))
        ) {
            XCTAssertEqual(($0 as? JSONEditError)?.message, "\"plugins\" must be a list, found an object")
        }
        XCTAssertThrowsError(
            try JSONTextEditor.settingMember("a", to: "1", in: Array("{\"plugins\": [1,]}".utf8))
        ) {
            XCTAssertTrue(
                (($0 as? JSONEditError)?.message ?? "").hasPrefix("not valid JSON at line 1, column 15: "), "\($0)")
        }
    }

    func testStringLiteralsAreEscaped() {
        XCTAssertEqual(JSONLiteral.string("a\"b\\c\nd\u{1}é"), #""a\"b\\c\nd\u0001é""#)
    }
}
