import XCTest

@testable import PexBranding

final class DiagnosticRenderGitHubTests: XCTestCase {
    private let renderer = DiagnosticGitHubRenderer(
        paths: DisplayPaths(rootDirectory: "/repo/branding/webapp2", currentDirectory: "/repo"))

    private func range(_ line: Int, _ column: Int, _ endLine: Int, _ endColumn: Int) -> SourceRange {
        SourceRange(
            start: SourcePosition(line: line, column: column, offset: 0),
            end: SourcePosition(line: endLine, column: endColumn, offset: 0))
    }

    func testCommands() {
        let cases: [(Diagnostic, String)] = [
            (
                Diagnostic(
                    file: "settings.json", range: range(14, 5, 14, 6), severity: .error, code: "PEX101",
                    message: "trailing comma"),
                "::error file=branding/webapp2/settings.json,line=14,col=5,endLine=14,endColumn=5,title=PEX101"
                    + "::trailing comma\n"
            ),
            (
                // endColumn is inclusive for GitHub: columns 3..<9 end at 8.
                Diagnostic(
                    file: "a.json", range: range(2, 3, 2, 9), severity: .warning, code: "PEX2", message: "w",
                    hint: "do this"),
                "::warning file=branding/webapp2/a.json,line=2,col=3,endLine=2,endColumn=8,title=PEX2"
                    + "::w (hint: do this)\n"
            ),
            (
                // An empty range still names its column.
                Diagnostic(file: "a.json", range: range(2, 3, 2, 3), severity: .notice, code: "PEX3", message: "n"),
                "::notice file=branding/webapp2/a.json,line=2,col=3,endLine=2,endColumn=3,title=PEX3::n\n"
            ),
            (
                // Columns only for a range on one line: GitHub refuses them otherwise.
                Diagnostic(file: "a.json", range: range(2, 3, 5, 1), severity: .error, code: "PEX4", message: "e"),
                "::error file=branding/webapp2/a.json,line=2,endLine=5,title=PEX4::e\n"
            ),
            (
                Diagnostic(file: "plugins/x.js", range: nil, severity: .warning, code: "PEX5", message: "unused"),
                "::warning file=branding/webapp2/plugins/x.js,title=PEX5::unused\n"
            ),
        ]
        for (diagnostic, expected) in cases {
            XCTAssertEqual(renderer.render(diagnostic), expected)
        }
        XCTAssertEqual(renderer.render(cases.map(\.0)), cases.map(\.1).joined())
    }

    func testEscaping() {
        XCTAssertEqual(DiagnosticGitHubRenderer.escapedData("100% a:b,c\r\nd"), "100%25 a:b,c%0D%0Ad")
        XCTAssertEqual(DiagnosticGitHubRenderer.escapedProperty("100% a:b,c\r\nd"), "100%25 a%3Ab%2Cc%0D%0Ad")
        XCTAssertEqual(DiagnosticGitHubRenderer.escapedData("%0A"), "%250A")
        let diagnostic = Diagnostic(
            file: "plugins/a,b:c%.js", range: nil, severity: .error, code: "P:1,2", message: "line\nbreak 50%",
            hint: "x:y,z")
        XCTAssertEqual(
            renderer.render(diagnostic),
            "::error file=branding/webapp2/plugins/a%2Cb%3Ac%25.js,title=P%3A1%2C2::line%0Abreak 50%25 (hint: x:y,z)\n")
    }

    func testSummaryIsPlainText() {
        XCTAssertEqual(
            renderer.render(DiagnosticSummary(errors: 0, warnings: 0, notices: 0, plugins: 1, files: 3)),
            "no problems in 1 plugin (3 files)\n")
    }
}
