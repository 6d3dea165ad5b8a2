import Foundation
import XCTest

/// `pexdev init` + `pexdev new plugin` give a plugin that works in the shell at once (issue 10).
final class ScaffoldedPluginTests: XCTestCase {
    private func run(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = try PexdevBinary.locate()
        process.arguments = arguments
        process.environment = PexdevBinary.environment()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "pexdev \(arguments.joined(separator: " "))")
    }

    func testNewToolbarPluginOpensItsDialogFromTheToolbar() async throws {
        let tree = FileManager.default.temporaryDirectory.appendingPathComponent("pexdev-scaffold-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: tree) }
        try run(["init", tree.path])
        try run(["new", "plugin", "hello-world", tree.path, "--menu", "toolbar"])

        let browser = try await launchBrowser()
        let server = try await startPexdev(serving: tree)
        let page = try await browser.newPage()
        try await page.navigate(to: server.appURL)
        try await page.waitUntil("window.__pexdev && __pexdev.ready === true")
        let state = try await page.evaluate("__pexdev.plugins.find(p => p.id === 'hello-world')?.state").string
        XCTAssertEqual(state, "loaded")

        try await page.click(selector: #"[data-testid="toolbar-plugin-button"][data-plugin-id="hello-world"]"#)
        try await page.waitUntil(
            #"document.querySelector('[data-testid="plugin-dialog-body"]')?.textContent.includes('people in the conference')"#
        )
        try await page.screenshot(named: "scaffolded-plugin-dialog")
        try await page.click(selector: "#hello-world-close")
        try await page.waitUntil(#"!document.querySelector('[data-testid="plugin-dialog"]')"#)
        XCTAssertEqual(page.exceptions, [], "\(page.consoleMessages)")
        let errors = try await page.evaluate("__pexdev.errors.length").int
        XCTAssertEqual(errors, 0)
    }
}
