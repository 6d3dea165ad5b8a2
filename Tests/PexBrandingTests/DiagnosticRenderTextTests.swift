import XCTest

@testable import PexBranding

final class DiagnosticRenderTextTests: XCTestCase {
    private let paths = DisplayPaths(rootDirectory: "/work/webapp2", currentDirectory: "/work")

    private func range(_ line: Int, _ column: Int, _ endLine: Int, _ endColumn: Int) -> SourceRange {
        // Offsets are not used for rendering; lines and columns are.
        SourceRange(
            start: SourcePosition(line: line, column: column, offset: 0),
            end: SourcePosition(line: endLine, column: endColumn, offset: 0))
    }

    private func diagnostic(
        _ range: SourceRange?, _ severity: Severity = .error, file: String = "settings.json", message: String = "m",
        hint: String? = nil
    ) -> Diagnostic {
        Diagnostic(file: file, range: range, severity: severity, code: "PEX001", message: message, hint: hint)
    }

    private func render(_ diagnostic: Diagnostic, source: String?, colored: Bool = false, width: Int? = nil) -> String {
        var renderer = DiagnosticTextRenderer(paths: paths, colored: colored) { _ in source.map { Array($0.utf8) } }
        if let width { renderer.maximumExcerptWidth = width }
        return renderer.render(diagnostic)
    }

    /// The example from the issue, byte for byte.
    func testIssueExample() {
        let lines = (1...12).map { _ in "x" } + ["      \"enabled\": true", "    },", "  ]", "}"]
        let output = render(
            diagnostic(range(14, 5, 14, 6), message: "trailing comma before '}' (JSON does not allow it)"),
            source: lines.joined(separator: "\n") + "\n")
        XCTAssertEqual(
            output,
            """
            webapp2/settings.json:14:5: error: trailing comma before '}' (JSON does not allow it)
               13 |       "enabled": true
               14 |     },
                  |     ^

            """)
    }

    func testExcerptCases() {
        let cases: [(name: String, source: String, diagnostic: Diagnostic, expected: String)] = [
            (
                "line numbers widen from 9 to 10: both right-aligned, bars in one column",
                (1...8).map { "l\($0)" }.joined(separator: "\n") + "\nnine\n  ten, longer\n",
                diagnostic(range(10, 3, 10, 6), .warning),
                """
                webapp2/settings.json:10:3: warning: m
                    9 | nine
                   10 |   ten, longer
                      |   ^~~

                """
            ),
            (
                "first line: no line before it",
                "{\"a\" 1}",
                diagnostic(range(1, 6, 1, 7)),
                """
                webapp2/settings.json:1:6: error: m
                    1 | {"a" 1}
                      |      ^

                """
            ),
            (
                "a leading tab is expanded to the 4-cell stop in the line and under it",
                "{\n\t\"id\": 1\n}",
                diagnostic(range(2, 2, 2, 6)),
                """
                webapp2/settings.json:2:2: error: m
                    1 | {
                    2 |     "id": 1
                      |     ^~~~

                """
            ),
            (
                "a tab mid-line goes to the next stop; the caret follows",
                "x\nab\tc = 1",
                diagnostic(range(2, 4, 2, 5)),
                """
                webapp2/settings.json:2:4: error: m
                    1 | x
                    2 | ab  c = 1
                      |     ^

                """
            ),
            (
                "a range over a tab underlines all of its cells",
                "x\n\t1",
                diagnostic(range(2, 1, 2, 2)),
                """
                webapp2/settings.json:2:1: error: m
                    1 | x
                    2 |     1
                      | ^~~~

                """
            ),
            (
                "CRLF: no CR in the excerpt, columns as in an LF file",
                "{\r\n  \"a\": 1,\r\n}\r\n",
                diagnostic(range(2, 9, 2, 10)),
                """
                webapp2/settings.json:2:9: error: m
                    1 | {
                    2 |   "a": 1,
                      |         ^

                """
            ),
            (
                "a range past the end of its line is underlined to the line's end",
                "x\nshort\n",
                diagnostic(range(2, 3, 2, 40)),
                """
                webapp2/settings.json:2:3: error: m
                    1 | x
                    2 | short
                      |   ^~~

                """
            ),
            (
                "a range over several lines is underlined to the end of its first",
                "x\n  \"plugins\": [\n  ]\n",
                diagnostic(range(2, 14, 3, 4)),
                """
                webapp2/settings.json:2:14: error: m
                    1 | x
                    2 |   "plugins": [
                      |              ^

                """
            ),
            (
                "a range over several lines from mid-line",
                "x\n  \"plugins\": [\n  ]\n",
                diagnostic(range(2, 3, 3, 4)),
                """
                webapp2/settings.json:2:3: error: m
                    1 | x
                    2 |   "plugins": [
                      |   ^~~~~~~~~~~~

                """
            ),
            (
                "the column just past the end (something missing there)",
                "x\n{\"a\": 1",
                diagnostic(range(2, 8, 2, 8)),
                """
                webapp2/settings.json:2:8: error: m
                    1 | x
                    2 | {"a": 1
                      |        ^

                """
            ),
            (
                "a column far past the end sits just after the line",
                "x\nab",
                diagnostic(range(2, 50, 2, 50)),
                """
                webapp2/settings.json:2:50: error: m
                    1 | x
                    2 | ab
                      |   ^

                """
            ),
            (
                "an empty line before: its bar has no trailing space",
                "\n  x",
                diagnostic(range(2, 3, 2, 4)),
                "webapp2/settings.json:2:3: error: m\n    1 |\n    2 |   x\n      |   ^\n"
            ),
            (
                "hint under the bar after an excerpt",
                "x\ny,",
                diagnostic(range(2, 2, 2, 3), hint: "remove the comma"),
                """
                webapp2/settings.json:2:2: error: m
                    1 | x
                    2 | y,
                      |  ^
                      hint: remove the comma

                """
            ),
            (
                "wide characters take two cells, combining marks none",
                "x\n\"标签\": \"e\u{301}\", 1",
                diagnostic(range(2, 13, 2, 14)),
                "webapp2/settings.json:2:13: error: m\n    1 | x\n    2 | \"标签\": \"e\u{301}\", 1\n      | "
                    + String(repeating: " ", count: 13) + "^\n"
            ),
            (
                "control characters in the source are shown as U+FFFD, not sent to the terminal",
                "x\n\"a\u{1B}[2Jb\" 1",
                diagnostic(range(2, 10, 2, 11)),
                """
                webapp2/settings.json:2:10: error: m
                    1 | x
                    2 | "a\u{FFFD}[2Jb" 1
                      |          ^

                """
            ),
            (
                "bidi overrides and zero-width characters take no cell",
                "x\n\"a\u{202E}b\u{200B}c\" 1",
                diagnostic(range(2, 9, 2, 10)),
                """
                webapp2/settings.json:2:9: error: m
                    1 | x
                    2 | "abc" 1
                      |       ^

                """
            ),
            (
                "a byte-order mark takes no column (as the JSON reader counts)",
                "\u{FEFF}{,}",
                diagnostic(range(1, 2, 1, 3)),
                """
                webapp2/settings.json:1:2: error: m
                    1 | {,}
                      |  ^

                """
            ),
        ]
        for (name, source, diagnostic, expected) in cases {
            XCTAssertEqual(render(diagnostic, source: source), expected, name)
        }
    }

    func testWithoutAnExcerpt() {
        let cases: [(name: String, source: String?, diagnostic: Diagnostic, expected: String)] = [
            (
                "whole-file finding",
                "{}",
                diagnostic(nil, .warning, file: "plugins/rec/rec.plugin.js", message: "not referenced"),
                "webapp2/plugins/rec/rec.plugin.js: warning: not referenced\n"
            ),
            (
                "whole-file finding with a hint on its own line",
                nil,
                diagnostic(nil, .notice, message: "m", hint: "h"),
                "webapp2/settings.json: notice: m\n  hint: h\n"
            ),
            (
                "source not readable",
                nil,
                diagnostic(range(3, 1, 3, 2), hint: "h"),
                "webapp2/settings.json:3:1: error: m\n  hint: h\n"
            ),
            (
                "line past the end of the file (it changed since)",
                "one line",
                diagnostic(range(7, 1, 7, 2)),
                "webapp2/settings.json:7:1: error: m\n"
            ),
            (
                "control characters in the message and hint",
                nil,
                diagnostic(nil, message: "id 'a\u{1B}]0;x\u{07}'\nfake: error", hint: "tab\there"),
                "webapp2/settings.json: error: id 'a\u{FFFD}]0;x\u{FFFD}'\u{FFFD}fake: error\n  hint: tab here\n"
            ),
        ]
        for (name, source, diagnostic, expected) in cases {
            XCTAssertEqual(render(diagnostic, source: source), expected, name)
        }
    }

    func testColours() {
        let bold = "\u{1B}[1m"
        let reset = "\u{1B}[0m"
        let output = render(diagnostic(range(2, 2, 2, 4), hint: "h"), source: "x\nabc", colored: true)
        XCTAssertEqual(
            output,
            "\(bold)webapp2/settings.json:2:2:\(reset) \u{1B}[1;31merror:\(reset) m\n"
                + "    1 | x\n    2 | abc\n      |  \u{1B}[1;32m^~\(reset)\n      hint: h\n")
        let severities: [(Severity, String)] = [(.error, "1;31"), (.warning, "1;33"), (.notice, "1;36")]
        for (severity, code) in severities {
            XCTAssertEqual(
                render(diagnostic(nil, severity), source: nil, colored: true),
                "\(bold)webapp2/settings.json:\(reset) \u{1B}[\(code)m\(severity.rawValue):\(reset) m\n")
        }
        XCTAssertFalse(render(diagnostic(range(2, 2, 2, 4)), source: "x\nabc").contains("\u{1B}"))
    }

    /// A minified script's only line is cropped to a window around the caret, `…` where text was cut.
    func testLongLinesAreCropped() {
        let header = "webapp2/settings.json"
        let line = String(repeating: "a", count: 30) + "X" + String(repeating: "b", count: 69)
        let atStart = render(diagnostic(range(1, 3, 1, 5)), source: line, width: 20)
        XCTAssertEqual(atStart, header + ":1:3: error: m\n    1 | aaaaaaaaaaaaaaaaaaa…\n      |   ^~\n")
        let inside = render(diagnostic(range(1, 31, 1, 32)), source: line, width: 20)
        // Window 24..<44 (the caret a third of the way in), its first and last cell replaced by "…".
        XCTAssertEqual(inside, header + ":1:31: error: m\n    1 | …aaaaaXbbbbbbbbbbbb…\n      |       ^\n")
        let previousShorter = render(diagnostic(range(2, 31, 2, 200)), source: "short\n" + line, width: 20)
        XCTAssertEqual(
            previousShorter,
            header + ":2:31: error: m\n    1 | …\n    2 | …aaaaaXbbbbbbbbbbbb…\n      |       ^"
                + String(repeating: "~", count: 13) + "\n")
        let wideAtTheEdge = render(
            diagnostic(range(1, 31, 1, 32)),
            source: String(repeating: "a", count: 30) + "XY" + String(repeating: "标", count: 12), width: 20)
        // The window ends on the second cell of a wide character: it becomes "…" and the first a space.
        XCTAssertEqual(
            wideAtTheEdge, header + ":1:31: error: m\n    1 | …aaaaaXY标标标标标 …\n      |       ^\n")
        // Short lines are never cropped.
        XCTAssertEqual(render(diagnostic(range(1, 1, 1, 2)), source: "abc", width: 20).contains("…"), false)
    }

    func testEachSourceIsReadOnceForManyDiagnostics() {
        var asked: [String] = []
        let renderer = DiagnosticTextRenderer(paths: paths) { file in
            asked.append(file)
            return file == "a.json" ? Array("one\ntwo\n".utf8) : nil
        }
        let output = renderer.render([
            diagnostic(range(1, 1, 1, 2), file: "a.json"),
            diagnostic(range(2, 1, 2, 2), file: "a.json"),
            diagnostic(range(1, 1, 1, 2), file: "missing.js"),
            diagnostic(range(2, 1, 2, 2), file: "missing.js"),
            diagnostic(nil, file: "never-read.js"),
        ])
        XCTAssertEqual(asked, ["a.json", "missing.js"])
        XCTAssertEqual(
            output,
            """
            webapp2/a.json:1:1: error: m
                1 | one
                  | ^
            webapp2/a.json:2:1: error: m
                1 | one
                2 | two
                  | ^
            webapp2/missing.js:1:1: error: m
            webapp2/missing.js:2:1: error: m
            webapp2/never-read.js: error: m

            """)
    }

    func testSummaryLine() {
        let renderer = DiagnosticTextRenderer(paths: paths)
        XCTAssertEqual(
            renderer.render(DiagnosticSummary(errors: 2, warnings: 2, notices: 0, plugins: 3, files: 4)),
            "2 errors, 2 warnings in 3 plugins (4 files)\n")
    }
}
