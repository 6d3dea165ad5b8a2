import Foundation
import XCTest

@testable import PexBranding

final class DiagnosticRenderJSONTests: XCTestCase {
    private let renderer = DiagnosticJSONRenderer(
        paths: DisplayPaths(rootDirectory: "/work/webapp2", currentDirectory: "/work"))
    private let summary = DiagnosticSummary(errors: 1, warnings: 1, notices: 0, plugins: 3, files: 4)

    private let located = Diagnostic(
        file: "settings.json",
        range: SourceRange(
            start: SourcePosition(line: 14, column: 5, offset: 200),
            end: SourcePosition(line: 14, column: 6, offset: 201)),
        severity: .error, code: "PEX101", message: "trailing comma before '}'", hint: "remove the comma")
    private let wholeFile = Diagnostic(
        file: "plugins/rec/rec.plugin.js", range: nil, severity: .warning, code: "PEX301", message: "not referenced")

    /// The exact document: layout and key order are part of the schema's stability.
    func testExactDocument() {
        XCTAssertEqual(
            renderer.render([located, wholeFile], summary: summary),
            """
            {
              "version": 1,
              "root": "webapp2",
              "diagnostics": [
                {
                  "file": "webapp2/settings.json",
                  "line": 14,
                  "column": 5,
                  "endLine": 14,
                  "endColumn": 6,
                  "severity": "error",
                  "code": "PEX101",
                  "message": "trailing comma before '}'",
                  "hint": "remove the comma"
                },
                {
                  "file": "webapp2/plugins/rec/rec.plugin.js",
                  "line": null,
                  "column": null,
                  "endLine": null,
                  "endColumn": null,
                  "severity": "warning",
                  "code": "PEX301",
                  "message": "not referenced",
                  "hint": null
                }
              ],
              "summary": {
                "errors": 1,
                "warnings": 1,
                "notices": 0,
                "plugins": 3,
                "files": 4
              }
            }

            """)
    }

    func testEmptyDiagnosticsAndRootInTheCurrentDirectory() {
        let here = DiagnosticJSONRenderer(
            paths: DisplayPaths(rootDirectory: "/w/webapp2", currentDirectory: "/w/webapp2"))
        let output = here.render(
            [], summary: DiagnosticSummary(errors: 0, warnings: 0, notices: 0, plugins: 1, files: 2))
        XCTAssertTrue(output.hasPrefix("{\n  \"version\": 1,\n  \"root\": \".\",\n  \"diagnostics\": [],\n"), output)
    }

    /// Parsed back by Foundation: every key with the right type and value, and keys in the documented order.
    func testSchemaParsesBackWithEveryKeyInOrder() throws {
        let text = renderer.render([located, wholeFile], summary: summary)
        let document = try XCTUnwrap(
            JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not a JSON object:\n\(text)")
        XCTAssertEqual(Set(document.keys), ["version", "root", "diagnostics", "summary"])
        XCTAssertEqual(document["version"] as? Int, 1)
        XCTAssertEqual(document["root"] as? String, "webapp2")

        let diagnostics = try XCTUnwrap(document["diagnostics"] as? [[String: Any]])
        XCTAssertEqual(diagnostics.count, 2)
        let keys = ["file", "line", "column", "endLine", "endColumn", "severity", "code", "message", "hint"]
        for object in diagnostics { XCTAssertEqual(Set(object.keys), Set(keys)) }
        let first = diagnostics[0]
        XCTAssertEqual(first["file"] as? String, "webapp2/settings.json")
        XCTAssertEqual(first["line"] as? Int, 14)
        XCTAssertEqual(first["column"] as? Int, 5)
        XCTAssertEqual(first["endLine"] as? Int, 14)
        XCTAssertEqual(first["endColumn"] as? Int, 6)
        XCTAssertEqual(first["severity"] as? String, "error")
        XCTAssertEqual(first["code"] as? String, "PEX101")
        XCTAssertEqual(first["message"] as? String, "trailing comma before '}'")
        XCTAssertEqual(first["hint"] as? String, "remove the comma")
        let second = diagnostics[1]
        for key in ["line", "column", "endLine", "endColumn", "hint"] {
            XCTAssertTrue(second[key] is NSNull, "\(key) should be null")
        }
        XCTAssertEqual(second["severity"] as? String, "warning")

        let counts = try XCTUnwrap(document["summary"] as? [String: Int])
        XCTAssertEqual(counts, ["errors": 1, "warnings": 1, "notices": 0, "plugins": 3, "files": 4])

        // Order: each key's first occurrence comes after the previous key's.
        let order =
            ["\"version\"", "\"root\"", "\"diagnostics\""] + keys.map { "\"\($0)\"" }
            + ["\"summary\"", "\"errors\"", "\"warnings\"", "\"notices\"", "\"plugins\"", "\"files\""]
        let positions = try order.map { key in try XCTUnwrap(text.range(of: key)?.lowerBound, key) }
        XCTAssertEqual(positions, positions.sorted(), "keys out of order:\n\(text)")
    }

    func testStringEscaping() throws {
        let cases: [(String, String)] = [
            ("plain", "\"plain\""),
            ("quote \" and backslash \\", "\"quote \\\" and backslash \\\\\""),
            ("line\nfeed\rreturn\ttab", "\"line\\nfeed\\rreturn\\ttab\""),
            ("\u{08}\u{0C}", "\"\\b\\f\""),
            ("\u{00}\u{01}\u{1B}\u{1F}", "\"\\u0000\\u0001\\u001b\\u001f\""),
            ("slash / and DEL \u{7F}", "\"slash / and DEL \u{7F}\""),
            ("non-ASCII é 标 🎥 \u{2028}", "\"non-ASCII é 标 🎥 \u{2028}\""),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(DiagnosticJSONRenderer.quoted(text), expected)
            // And Foundation reads it back to the same string.
            let parsed = try JSONSerialization.jsonObject(
                with: Data(("[" + DiagnosticJSONRenderer.quoted(text) + "]").utf8))
            XCTAssertEqual((parsed as? [String])?.first, text)
        }
        var nasty = located
        nasty.message = "id \"a\nb\" é"
        nasty.hint = "\u{1B}[31m"
        let output = renderer.render([nasty], summary: summary)
        XCTAssertTrue(output.contains("\"message\": \"id \\\"a\\nb\\\" é\","), output)
        XCTAssertTrue(output.contains("\"hint\": \"\\u001b[31m\""), output)
    }
}
