import Foundation
import PexBranding
import XCTest

@testable import PexCLI

/// `pexdev check` after parsing: what it prints for a report in each format, and its exit status.
final class CheckRunTests: XCTestCase {
    private let paths = DisplayPaths(rootDirectory: "/work/webapp2", currentDirectory: "/work")
    private let sources: [String: String] = [
        "settings.json": "{\n  \"plugins\": [\n    {\"id\": \"recording-1.0\",}\n  ]\n}\n"
    ]

    private func diagnostic(
        _ severity: Severity, _ file: String = "settings.json", line: Int? = 3, column: Int = 27,
        message: String = "m", hint: String? = nil
    ) -> Diagnostic {
        let range = line.map { line in
            SourceRange(
                start: SourcePosition(line: line, column: column, offset: 0),
                end: SourcePosition(line: line, column: column + 1, offset: 0))
        }
        return Diagnostic(file: file, range: range, severity: severity, code: "PEX1", message: message, hint: hint)
    }

    private func report(_ diagnostics: [Diagnostic], files: Int = 4) -> CheckReport {
        CheckReport(root: "/work/webapp2", diagnostics: diagnostics, model: BrandingModel(), filesRead: files)
    }

    private func render(_ report: CheckReport, _ change: (inout CheckOptions) -> Void = { _ in }) -> String {
        var options = CheckOptions()
        change(&options)
        return CheckCommand.render(
            report, options: options, paths: paths, colored: false,
            source: { [sources] file in sources[file].map { Array($0.utf8) } })
    }

    private var mixed: [Diagnostic] {
        [
            diagnostic(.error, message: "trailing comma before '}'", hint: "remove it"),
            diagnostic(.warning, "plugins/rec/rec.plugin.json", line: nil, message: "id differs"),
            diagnostic(.notice, "plugins/rec/rec.plugin.js", line: nil, message: "advice"),
        ]
    }

    func testTextFormat() {
        XCTAssertEqual(
            render(report(mixed)),
            """
            webapp2/settings.json:3:27: error: trailing comma before '}'
                2 |   "plugins": [
                3 |     {"id": "recording-1.0",}
                  |                           ^
                  hint: remove it
            webapp2/plugins/rec/rec.plugin.json: warning: id differs
            webapp2/plugins/rec/rec.plugin.js: notice: advice
            1 error, 1 warning, 1 notice in 0 plugins (4 files)

            """)
        XCTAssertEqual(render(report([], files: 13)), "no problems in 0 plugins (13 files)\n")
    }

    func testQuietShowsOnlyWhatFailsAndNothingWhenItPasses() {
        let errorOnly = "webapp2/settings.json:3:27: error: trailing comma before '}'"
        let quiet = render(report(mixed)) { $0.quiet = true }
        XCTAssertTrue(quiet.hasPrefix(errorOnly + "\n"), quiet)
        XCTAssertFalse(quiet.contains("warning:"), quiet)
        XCTAssertFalse(quiet.contains("notice:"), quiet)
        XCTAssertTrue(quiet.hasSuffix("\n1 error, 1 warning, 1 notice in 0 plugins (4 files)\n"), quiet)

        let warningsOnly = Array(mixed.dropFirst())
        XCTAssertEqual(render(report(warningsOnly)) { $0.quiet = true }, "")
        XCTAssertEqual(render(report([])) { $0.quiet = true }, "")
        XCTAssertEqual(
            render(report(warningsOnly)) { ($0.quiet, $0.warningsAsErrors) = (true, true) },
            "webapp2/plugins/rec/rec.plugin.json: warning: id differs\n"
                + "0 errors, 1 warning, 1 notice in 0 plugins (4 files)\n")
        XCTAssertEqual(
            render(report(warningsOnly)) { ($0.quiet, $0.format) = (true, .github) }, "")
    }

    func testJSONFormatIsOneDocumentWithItsSummaryAlways() throws {
        for quiet in [false, true] {
            let output = render(report(mixed)) { ($0.format, $0.quiet) = (.json, quiet) }
            let document = try XCTUnwrap(
                JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any], output)
            XCTAssertEqual(document["root"] as? String, "webapp2")
            let diagnostics = try XCTUnwrap(document["diagnostics"] as? [[String: Any]])
            XCTAssertEqual(diagnostics.count, quiet ? 1 : 3)
            XCTAssertEqual(diagnostics.first?["file"] as? String, "webapp2/settings.json")
            XCTAssertEqual(
                document["summary"] as? [String: Int],
                ["errors": 1, "warnings": 1, "notices": 1, "plugins": 0, "files": 4])
            XCTAssertFalse(output.contains("\u{1B}"))
        }
        let clean = render(report([])) { ($0.format, $0.quiet) = (.json, true) }
        XCTAssertTrue(clean.contains("\"diagnostics\": [],"), clean)
    }

    func testGitHubFormat() {
        let lines = [
            "::error file=webapp2/settings.json,line=3,col=27,endLine=3,endColumn=27,title=PEX1"
                + "::trailing comma before '}' (hint: remove it)",
            "::warning file=webapp2/plugins/rec/rec.plugin.json,title=PEX1::id differs",
            "::notice file=webapp2/plugins/rec/rec.plugin.js,title=PEX1::advice",
            "1 error, 1 warning, 1 notice in 0 plugins (4 files)",
        ]
        XCTAssertEqual(render(report(mixed)) { $0.format = .github }, lines.map { $0 + "\n" }.joined())
    }

    func testExitStatus() {
        let cases: [(severities: [Severity], warningsAsErrors: Bool, status: Int32)] = [
            ([], false, 0), ([], true, 0),
            ([.notice], false, 0), ([.notice], true, 0),
            ([.warning], false, 0), ([.warning], true, 1),
            ([.warning, .notice], false, 0), ([.notice, .warning], true, 1),
            ([.error], false, 1), ([.error], true, 1),
            ([.notice, .error], false, 1),
        ]
        for c in cases {
            var options = CheckOptions()
            options.warningsAsErrors = c.warningsAsErrors
            let diagnostics = c.severities.map { diagnostic($0) }
            XCTAssertEqual(
                CheckCommand.exitStatus(diagnostics, options: options), c.status,
                "\(c.severities) warnings-as-errors: \(c.warningsAsErrors)")
        }
    }

    func testRunOnATreeAndOnNothing() throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("pexdev-check-\(UUID().uuidString)")
            .resolvingSymlinksInPath().path
        try FileManager.default.createDirectory(atPath: parent + "/webapp2", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: parent) }
        try Data("{}\n".utf8).write(to: URL(fileURLWithPath: parent + "/webapp2/settings.json"))

        func run(_ path: String, format: CheckOptions.Format = .text) -> (Int32, String, String) {
            let standardOutput = RecordingOutput()
            let standardError = RecordingOutput()
            let console = Console(
                standardOutput: standardOutput, standardError: standardError, colorsStandardError: false)
            var options = CheckOptions()
            (options.brandingPath, options.format) = (path, format)
            let status = CheckCommand.run(options, console: console, currentDirectory: parent, colored: true)
            return (status, standardOutput.text, standardError.text)
        }

        // No manifest and an empty settings.json: warnings only, so status 0, and the summary closes the output.
        let (status, output, errors) = run(".")
        XCTAssertEqual(status, 0, errors)
        XCTAssertTrue(output.contains("PEX101") || output.contains("manifest.json is missing"), output)
        XCTAssertTrue(output.hasSuffix("0 errors, 2 warnings in 0 plugins (1 file)\n"), output)
        XCTAssertEqual(errors, "")

        let (_, json, _) = run("webapp2", format: .json)
        XCTAssertTrue(json.contains("\"root\": \"webapp2\","), json)

        let (missingStatus, missingOutput, missingErrors) = run("nope")
        XCTAssertEqual(missingStatus, 1)
        XCTAssertEqual(missingOutput, "")
        XCTAssertTrue(missingErrors.hasPrefix("error: '\(parent)/nope' does not exist\n  hint: "), missingErrors)
    }

    func testSourcesAreReadOnlyInsideTheRoot() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("pexdev-check-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: root + "/plugins", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Data("x".utf8).write(to: URL(fileURLWithPath: root + "/plugins/a.js"))

        XCTAssertEqual(CheckCommand.readSource("plugins/a.js", in: root), Array("x".utf8))
        XCTAssertNil(CheckCommand.readSource("plugins/missing.js", in: root))
        for file in ["../x", "plugins/../plugins/a.js", "/etc/passwd", "./plugins/a.js", "plugins//a.js", ""] {
            XCTAssertNil(CheckCommand.readSource(file, in: root), file)
        }
    }
}
