import Foundation
import XCTest

/// CSP in a real Chromium (issue 9): a plugin fetches a second loopback origin (another pexdev, serving with
/// CSP off) that the policy does not allow. The request is blocked, the report reaches pexdev, the terminal
/// line names the plugin, file and line, and the dev panel shows it; report-only lets it through and still
/// reports; the reverse proxy's policy blocks what only it forbids.
final class CSPBrowserTests: XCTestCase {
    private var tree: BrandingTree!

    override func tearDown() {
        tree?.remove()
        tree = nil
    }

    /// The plugin: on load it fetches `external` and records "ok" or "blocked" in `window.__weather`.
    private func weatherPlugin(external: String) -> PluginFixture {
        let source = """
            (function () {
                'use strict';
                function load() {
                    window.__weather = 'pending';
                    fetch('\(external)__pexdev/health', { mode: 'no-cors' })
                        .then(function () { window.__weather = 'ok'; })
                        .catch(function () { window.__weather = 'blocked'; });
                }
                PEX.pluginAPI.registerPlugin({ id: 'weather-1.0', load: load, unload: function () {} });
            })();

            """
        return PluginFixture(
            id: "weather-1.0", folder: "weather",
            packageFile: PluginFixture.package(id: "weather-1.0", name: "Weather", source: "weather.plugin.js"),
            sourceFile: "weather.plugin.js", source: source)
    }

    /// Starts the external origin, the served copy with the weather plugin, and a shell that has loaded it.
    private func open(arguments: (String) -> [String]) async throws -> (
        page: BrowserPage, server: PexdevServer, external: String, plugin: PluginFixture
    ) {
        let browser = try await launchBrowser()
        let external = try await startPexdev(arguments: ["--csp", "off"]).baseURL.absoluteString
        tree = try BrandingTree.sampleCopy()
        let plugin = weatherPlugin(external: external)
        try tree.add(plugin)
        let origin = String(external.dropLast())
        let server = try await startPexdev(serving: tree.root, arguments: arguments(origin))
        let page = try await browser.newPage()
        try await page.navigate(to: server.appURL)
        try await page.waitUntil("window.__pexdev && window.__pexdev.ready === true")
        try await page.waitUntil("window.__weather === 'ok' || window.__weather === 'blocked'")
        return (page, server, origin, plugin)
    }

    /// Polls the server's stderr for a `csp:` line (the report is posted asynchronously).
    private func cspLine(_ server: PexdevServer, containing text: String) async throws -> String {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if let line = server.standardError.split(separator: "\n").first(where: {
                $0.contains("csp: ") && $0.contains(text)
            }) {
                return String(line)
            }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        throw BrowserFailure("no csp: line containing \(text) in:\n\(server.standardError)")
    }

    func testTheDefaultPolicyBlocksAnExternalOriginAndTheTerminalSaysWhereAndHowToAllowIt() async throws {
        let (page, server, external, plugin) = try await open { _ in [] }
        let result = try await page.evaluate("window.__weather").string
        XCTAssertEqual(result, "blocked")
        let position = try XCTUnwrap(plugin.position(of: "fetch("))
        let line = try await cspLine(server, containing: "weather")
        XCTAssertTrue(
            line.contains(
                "csp: plugin \"weather-1.0\" (plugins/weather/weather.plugin.js:\(position.line):\(position.column)) "
                    + "blocked connect-src \(external)/__pexdev/health — allow it with: connect-src 'self' \(external)"),
            line)
        XCTAssertEqual(server.standardError.components(separatedBy: "csp: plugin").count - 1, 1, server.standardError)

        // Counted in the diagnostics, and shown (as text) in the dev panel's CSP tab.
        try await page.waitUntil(
            "fetch('/__pexdev/diagnostics').then(r => r.json()).then(d => d.csp.violations === 1)", timeout: 10)
        do {
            try await page.waitUntil("(__pexdev.csp || []).length === 1")
        } catch {
            let state = try await page.evaluate("JSON.stringify({csp: __pexdev.csp, notes: __pexdev.notes.slice(-5)})")
                .string
            XCTFail("\(error): \(state ?? "")")
            throw error
        }
        try await page.evaluate("document.querySelector('[data-testid=\"dev-tab-csp\"]').click()")
        try await page.waitUntil(
            "document.querySelector('[data-testid=\"dev-content\"]').textContent.includes('\(external)/__pexdev/health')"
        )
        let cell =
            try await page.evaluate(
                "document.querySelector('[data-testid=\"dev-content\"] tbody tr').textContent"
            ).string ?? ""
        XCTAssertTrue(cell.contains("weather-1.0"), cell)
        XCTAssertTrue(cell.contains("connect-src 'self' \(external)"), cell)
        // A report is untrusted input: markup in it is shown as text, never parsed.
        try await page.evaluate(
            """
            fetch('/__pexdev/csp-report', { method: 'POST', headers: { 'Content-Type': 'application/csp-report' },
              body: JSON.stringify({ 'csp-report': { 'effective-directive': 'img-src', disposition: 'enforce',
                'blocked-uri': 'https://x.example/<img src=x onerror="window.__xss=1">' } }) })
            """)
        try await page.waitUntil(
            "document.querySelector('[data-testid=\"dev-content\"]').textContent.includes('<img src=x onerror')")
        let injected = try await page.evaluate(
            "document.querySelector('[data-testid=\"dev-content\"] img') !== null || window.__xss === 1"
        ).bool
        XCTAssertEqual(injected, false)
        // The shell itself (modules, the mock API, the event stream) runs under the policy without a violation.
        let others = try await page.evaluate(
            "JSON.stringify(__pexdev.csp.filter(v => v.plugin !== 'weather-1.0' && !v.blockedURL.includes('x.example')))"
        ).string
        XCTAssertEqual(others, "[]")
    }

    func testReportOnlyLetsTheRequestThroughAndStillReports() async throws {
        let (page, server, external, _) = try await open { _ in ["--csp-report-only"] }
        let result = try await page.evaluate("window.__weather").string
        XCTAssertEqual(result, "ok")
        let line = try await cspLine(server, containing: "weather")
        XCTAssertTrue(
            line.contains("would be blocked (report-only) connect-src \(external)/__pexdev/health"), line)
    }

    func testTheProxyPolicyBlocksWhatOnlyItForbids() async throws {
        let (page, server, external, _) = try await open { origin in
            [
                "--csp",
                "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
                    + "img-src 'self' data: blob:; connect-src 'self' \(origin)",
                "--proxy-csp", "connect-src 'self'",
            ]
        }
        let result = try await page.evaluate("window.__weather").string
        XCTAssertEqual(result, "blocked")
        let line = try await cspLine(server, containing: "weather")
        XCTAssertTrue(line.contains("blocked connect-src \(external)/__pexdev/health by the proxy policy"), line)
    }

    func testTheNodePolicyAloneAllowsTheOriginItLists() async throws {
        let (page, server, _, _) = try await open { origin in
            [
                "--csp",
                "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
                    + "img-src 'self' data: blob:; connect-src 'self' \(origin)",
            ]
        }
        let result = try await page.evaluate("window.__weather").string
        XCTAssertEqual(result, "ok")
        XCTAssertFalse(server.standardError.contains("csp: plugin"), server.standardError)
    }
}
