import Foundation
import XCTest

/// What a test sees when the browser dies under it.
final class BrowserCrashTests: XCTestCase {
    func testACrashedBrowserFailsTheWaitingCommandAtOnce() async throws {
        let browser = try await launchBrowser()
        let page = try await browser.newPage()
        do {
            // The generous deadline makes the point: the closed pipe, not the clock, ends this wait.
            try await browser.connection.send("Browser.crash", timeout: 60)
            XCTFail("Browser.crash should not be answered")
        } catch {
            XCTAssertTrue("\(error)".contains("Chromium closed the DevTools pipe"), "\(error)")
        }
        do {
            try await page.evaluate("1")
            XCTFail("a dead browser should not evaluate")
        } catch {
            XCTAssertTrue("\(error)".contains("cannot send Runtime.evaluate"), "\(error)")
        }
    }
}
