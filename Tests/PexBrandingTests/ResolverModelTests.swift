import Foundation
import XCTest

@testable import PexBranding

/// The resolved model that serve and the shell read (architecture.md: one resolver).
final class ResolverModelTests: XCTestCase {
    private func report(_ fixture: String) throws -> CheckReport {
        try RuleFixtureTests.check(RuleFixtureTests.fixtures + "/broken/\(fixture)/webapp2")
    }

    func testToleratedPatternsResolve() throws {
        let report = try report("tolerated-patterns")
        let plugins = report.model.plugins
        XCTAssertEqual(plugins.map(\.id), ["events-only", "empty-menu", "change-layout-1.0", "state-icons-1.0"])
        XCTAssertEqual(plugins.map(\.enabled), [true, false, true, true])
        XCTAssertEqual(
            plugins.map(\.effectiveID), ["events-only", "empty-menu", "change-layout-plugin-1.0", "state-icons-1.0"])
        XCTAssertEqual(plugins.map { $0.package?.version }, ["1.0", "", "1.1", "1.0.2"])
        XCTAssertEqual(plugins.map { $0.package?.menuPlacement }, [nil, nil, .toolbar, .participants])
        XCTAssertEqual(plugins[1].srcURL?.path, "plugins/empty-menu/empty-menu.plugin.package.json")
        XCTAssertEqual(plugins[0].source?.registeredKeys, ["id", "load"])
        XCTAssertEqual(plugins[0].source?.registeredID, "events-only")

        let items = try XCTUnwrap(plugins[3].package?.menuItems)
        XCTAssertEqual(items.count, 2)
        XCTAssertEqual(items[0], PluginMenuItem(icon: nil, label: nil, action: "spotlight"))
        XCTAssertEqual(
            items[1].icon,
            ResolvedReference(
                text: "assets/star.svg#star", path: "plugins/state-icons/assets/star.svg", fragment: "star",
                exists: true))
        XCTAssertEqual(plugins[3].source?.assetPaths, ["plugins/state-icons/assets/data.json"])
        XCTAssertEqual(report.model.manifest, BrandingManifest(brandingID: "1700000000000", isSettingsBranded: true))
        XCTAssertTrue(report.model.hasSettings)
        // manifest, settings, 4 packages, 4 sources, 1 icon
        XCTAssertEqual(report.filesRead, 11)
    }

    func testExternalOriginsAreRecorded() throws {
        let sources = try report("external-origins")
        XCTAssertEqual(
            sources.model.externalOrigins,
            ["https://api.example.com", "https://cdn.example.com", "wss://events.example.com"])
        let references = try XCTUnwrap(sources.model.plugins.first?.source?.externalReferences)
        XCTAssertEqual(references.first?.file, "plugins/hello/hello.plugin.js")
        XCTAssertEqual(references.first?.range?.start.line, 10)

        let settings = try report("reference-external")
        XCTAssertEqual(settings.model.plugins.first?.srcURL?.url, "https://plugins.example.com/hello/hello.plugin.json")
        XCTAssertEqual(settings.model.externalOrigins, ["https://plugins.example.com"])
    }

    func testDiagnosticsAreSortedAndDeterministic() throws {
        let first = try report("reference-outside-tree")
        let second = try report("reference-outside-tree")
        XCTAssertEqual(first, second)
        XCTAssertEqual(first.diagnostics, first.diagnostics.sorted(by: DiagnosticList.precedes))
        let mixed = [
            Diagnostic(file: "b", range: nil, severity: .notice, code: "PEX601", message: ""),
            Diagnostic(file: "a", range: range(2, 1, 20), severity: .error, code: "PEX011", message: ""),
            Diagnostic(file: "a", range: nil, severity: .warning, code: "PEX101", message: ""),
            Diagnostic(file: "a", range: range(1, 5, 4), severity: .error, code: "PEX001", message: ""),
        ]
        XCTAssertEqual(mixed.sorted(by: DiagnosticList.precedes).map(\.code), ["PEX101", "PEX001", "PEX011", "PEX601"])
    }

    func testModelRoundTripsThroughJSON() throws {
        let model = try report("tolerated-patterns").model
        let data = try JSONEncoder().encode(model)
        XCTAssertEqual(try JSONDecoder().decode(BrandingModel.self, from: data), model)
        XCTAssertEqual(BrandingModel().plugins.count, 0)
    }

    /// A syntax error stops the checks that need that file only: the other plugins are still resolved.
    func testBrokenPackageDoesNotStopOtherPlugins() throws {
        let report = try report("json-syntax")
        XCTAssertEqual(report.model.plugins.map { $0.package?.id }, ["hello-1.0", nil])
        XCTAssertNotNil(report.model.plugins.first?.source)
    }

    private func range(_ line: Int, _ column: Int, _ offset: Int) -> SourceRange {
        let start = SourcePosition(line: line, column: column, offset: offset)
        return SourceRange(start: start, end: start)
    }
}
