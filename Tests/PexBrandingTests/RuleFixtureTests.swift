import Foundation
import PexBranding
import XCTest

/// Every folder of Tests/Fixtures/broken/ is a small branding tree (`webapp2/`) with an `expected.txt` listing
/// the exact diagnostics, one per line: `<file>:<line>:<col>: <severity>: <code>`, or `<file>: <severity>: <code>`
/// for whole-file findings. Lines starting with `#` are comments.
final class RuleFixtureTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures").resolvingSymlinksInPath().path

    static func brokenFixtures() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: fixtures + "/broken").filter { !$0.hasPrefix(".") }.sorted()
    }

    static func check(_ webapp2: String) throws -> CheckReport {
        let root = try BrandingLocator.locate(webapp2, currentDirectory: "/")
        return BrandingChecker.check(root)
    }

    static func line(_ diagnostic: Diagnostic) -> String {
        guard let range = diagnostic.range else {
            return "\(diagnostic.file): \(diagnostic.severity.rawValue): \(diagnostic.code)"
        }
        return "\(diagnostic.file):\(range.start.line):\(range.start.column): \(diagnostic.severity.rawValue): "
            + diagnostic.code
    }

    static func expectedLines(_ fixture: String) throws -> [String] {
        let text = try String(contentsOfFile: fixtures + "/broken/\(fixture)/expected.txt", encoding: .utf8)
        return text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }.sorted()
    }

    func testEveryBrokenFixtureGivesExactlyItsExpectedDiagnostics() throws {
        let fixtures = try Self.brokenFixtures()
        XCTAssertGreaterThan(fixtures.count, 30)
        for fixture in fixtures {
            let report = try Self.check(Self.fixtures + "/broken/\(fixture)/webapp2")
            let actual = report.diagnostics.map(Self.line).sorted()
            let expected = try Self.expectedLines(fixture)
            let detail = report.diagnostics.map { Self.line($0) + "  — " + $0.message + " [hint: \($0.hint ?? "")]" }
            XCTAssertEqual(
                actual, expected, "\(fixture): got\n" + detail.joined(separator: "\n"))
        }
    }

    func testEveryRuleHasAFixture() throws {
        var mentioned: Set<String> = []
        for fixture in try Self.brokenFixtures() {
            for line in try Self.expectedLines(fixture) {
                if let code = line.split(separator: " ").last { mentioned.insert(String(code)) }
            }
        }
        for rule in RuleDescription.all {
            XCTAssertTrue(mentioned.contains(rule.code), "no fixture in Tests/Fixtures/broken/ expects \(rule.code)")
        }
    }

    func testExpectedSeveritiesMatchTheRuleTable() throws {
        let severities = Dictionary(uniqueKeysWithValues: RuleDescription.all.map { ($0.code, $0.severity.rawValue) })
        for fixture in try Self.brokenFixtures() {
            for line in try Self.expectedLines(fixture) {
                let words = line.split(separator: " ")
                guard words.count >= 3 else {
                    XCTFail("\(fixture): malformed expected line '\(line)'")
                    continue
                }
                let code = String(words[words.count - 1])
                let severity = String(words[words.count - 2].dropLast())
                XCTAssertEqual(severities[code], severity, "\(fixture): \(line)")
            }
        }
    }
}
