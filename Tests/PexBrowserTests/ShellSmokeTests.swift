import Foundation
import XCTest

/// The shell page, served by the real pexdev from sample-branding, loads in a real Chromium without errors.
final class ShellSmokeTests: XCTestCase {
    func testShellLoadsWithoutExceptions() async throws {
        let browser = try await launchBrowser()
        let server = try await startPexdev()
        let page = try await browser.newPage()

        try await page.navigate(to: server.baseURL.appendingPathComponent("webapp2/"))

        let title = try await page.evaluate("document.title").string ?? ""
        XCTAssertTrue(title.contains("pexdev"), "document.title is \"\(title)\"")
        XCTAssertEqual(page.exceptions, [], "console: \(page.consoleMessages)")
        try await page.screenshot(named: "smoke")
    }
}
