import XCTest

@testable import PexBranding

final class DiagnosticRenderSummaryTests: XCTestCase {
    func testSummaryLines() {
        let cases: [(errors: Int, warnings: Int, notices: Int, plugins: Int, files: Int, line: String)] = [
            (2, 2, 0, 3, 4, "2 errors, 2 warnings in 3 plugins (4 files)"),
            (1, 1, 3, 3, 4, "1 error, 1 warning, 3 notices in 3 plugins (4 files)"),
            (1, 0, 0, 1, 1, "1 error, 0 warnings in 1 plugin (1 file)"),
            (0, 1, 0, 2, 5, "0 errors, 1 warning in 2 plugins (5 files)"),
            (0, 0, 1, 2, 5, "0 errors, 0 warnings, 1 notice in 2 plugins (5 files)"),
            (0, 0, 0, 4, 13, "no problems in 4 plugins (13 files)"),
            (0, 0, 0, 1, 1, "no problems in 1 plugin (1 file)"),
            (0, 0, 0, 0, 0, "no problems in 0 plugins (0 files)"),
            (11, 21, 101, 1, 2, "11 errors, 21 warnings, 101 notices in 1 plugin (2 files)"),
        ]
        for c in cases {
            let summary = DiagnosticSummary(
                errors: c.errors, warnings: c.warnings, notices: c.notices, plugins: c.plugins, files: c.files)
            XCTAssertEqual(summary.line, c.line)
            XCTAssertEqual(summary.isClean, c.errors + c.warnings + c.notices == 0, c.line)
        }
    }

    func testCountsFromDiagnosticsAndReport() {
        let severities: [Severity] = [.error, .warning, .notice, .notice, .error, .notice]
        let diagnostics = severities.map {
            Diagnostic(file: "f", range: nil, severity: $0, code: "C", message: "m")
        }
        let expected = DiagnosticSummary(errors: 2, warnings: 1, notices: 3, plugins: 2, files: 7)
        XCTAssertEqual(DiagnosticSummary(diagnostics: diagnostics, plugins: 2, files: 7), expected)
        let model = BrandingModel(plugins: [PluginEntry(index: 0), PluginEntry(index: 1)])
        let report = CheckReport(root: "/r", diagnostics: diagnostics, model: model, filesRead: 7)
        XCTAssertEqual(DiagnosticSummary(report: report), expected)
    }

    func testDisplayPaths() {
        let cases: [(root: String, current: String, shownRoot: String, file: String)] = [
            ("/work/webapp2", "/work", "webapp2", "webapp2/settings.json"),
            (
                "/work/sample-branding/webapp2", "/work", "sample-branding/webapp2",
                "sample-branding/webapp2/settings.json"
            ),
            ("/work/webapp2", "/work/webapp2", ".", "settings.json"),
            ("/work/webapp2", "/work/", "webapp2", "webapp2/settings.json"),
            ("/work/webapp2", "/", "work/webapp2", "work/webapp2/settings.json"),
            // A sibling or a folder that only shares a prefix is not under the current directory.
            ("/work/webapp2", "/work/webapp", "/work/webapp2", "/work/webapp2/settings.json"),
            ("/work/webapp2", "/home/me", "/work/webapp2", "/work/webapp2/settings.json"),
            ("/work/webapp2", "/work/webapp2/plugins", "/work/webapp2", "/work/webapp2/settings.json"),
        ]
        for c in cases {
            let paths = DisplayPaths(rootDirectory: c.root, currentDirectory: c.current)
            XCTAssertEqual(paths.root, c.shownRoot, "\(c.root) from \(c.current)")
            XCTAssertEqual(paths.displayPath(file: "settings.json"), c.file, "\(c.root) from \(c.current)")
        }
        let paths = DisplayPaths(rootDirectory: "/work/webapp2", currentDirectory: "/work")
        XCTAssertEqual(paths.displayPath(file: "plugins/rec/rec.plugin.js"), "webapp2/plugins/rec/rec.plugin.js")
        XCTAssertEqual(paths.displayPath(file: ""), "webapp2")
    }
}
