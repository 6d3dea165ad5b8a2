import Foundation
import PexBranding
import XCTest

/// The sample-branding/ tree shipped with pexdev is what new users copy: `check` must find nothing in it.
final class RuleSampleBrandingTests: XCTestCase {
    private let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .resolvingSymlinksInPath().path

    func testSampleBrandingChecksClean() throws {
        let root = try BrandingLocator.locate("sample-branding", currentDirectory: packageRoot)
        let report = BrandingChecker.check(root)
        let lines = report.diagnostics.map {
            RuleFixtureTests.line($0) + " " + $0.message + ($0.hint.map { " [\($0)]" } ?? "")
        }
        XCTAssertEqual(lines, [], lines.joined(separator: "\n"))
        XCTAssertEqual(report.model.plugins.count, report.model.plugins.filter { $0.source != nil }.count)
        for plugin in report.model.plugins {
            XCTAssertEqual(plugin.source?.registeredID, plugin.package?.id, "\(plugin.id ?? "?")")
        }
    }
}
