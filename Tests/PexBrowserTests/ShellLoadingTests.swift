import Foundation
import XCTest

/// sample-branding in the shell: every plugin loads, in settings order, against a joined conference.
final class ShellLoadingTests: ShellTestCase {
    static let samplePlugins = ["recorder-1.0", "layouts-1.0", "participant-tools-1.0", "chat-commands-1.0"]

    func testEverySamplePluginLoadsInSettingsOrder() async throws {
        let shell = try await openShell()
        let readyTime = try await shell.readyTime()
        print("sample-branding: navigation to pexdev:ready took \(Int(readyTime.rounded())) ms")

        let plugins = try await shell.page.evaluate("__pexdev.plugins").array ?? []
        XCTAssertEqual(plugins.map { $0["id"]?.string ?? "?" }, Self.samplePlugins)
        for plugin in plugins {
            XCTAssertEqual(plugin["state"], "loaded", "\(plugin)")
            XCTAssertEqual(plugin["registered"], true, "\(plugin)")
            XCTAssertEqual(plugin["reason"], .null, "\(plugin)")
        }
        XCTAssertEqual(plugins.map { $0["placement"] ?? .null }, ["toolbar", "conference", "participants", nil])
        // Classic scripts, injected in settings order (async = false keeps that order while fetching in parallel).
        let scripts = try await shell.page.evaluate(
            "[...document.querySelectorAll('script[data-plugin-id]')].map(s => [s.dataset.pluginId, s.async, s.type])")
        XCTAssertEqual(scripts, .array(Self.samplePlugins.map { [.string($0), false, ""] }))

        let state = try await shell.page.evaluate(
            """
            ({ ready: __pexdev.ready, conference: __pexdev.conference, role: __pexdev.role, platform: __pexdev.platform,
               errors: __pexdev.errors, banners: __pexdev.banners,
               chips: [...document.querySelectorAll('[data-testid="plugin-status"]')].map(c => [c.dataset.pluginId, c.dataset.state]),
               roster: document.querySelectorAll('[data-testid="roster-row"]').length,
               participants: __pexdev.participants().length })
            """)
        XCTAssertEqual(state["ready"], true)
        XCTAssertEqual(state["conference"]?["connected"], true, "\(state)")
        XCTAssertEqual(state["conference"]?["synced"], true, "\(state)")
        XCTAssertEqual(state["conference"]?["alias"], "meet")
        XCTAssertEqual(state["role"], "chair", "no PIN on the standard conference: everyone joins as Host")
        XCTAssertEqual(state["platform"], "web")
        XCTAssertEqual(state["errors"], [])
        XCTAssertEqual(state["banners"], [])
        XCTAssertEqual(state["chips"], .array(Self.samplePlugins.map { [.string($0), "loaded"] }))
        // The standard scenario's five people and this tab.
        XCTAssertEqual(state["participants"], 6, "\(state)")
        XCTAssertEqual(state["roster"], 6, "\(state)")
        XCTAssertEqual(shell.page.exceptions, [], "console: \(shell.page.consoleMessages)")
        try await shell.waitForIconsDrawn()
        try await shell.screenshot(named: "shell-loaded")
    }

    func testTheReadySignalComesAsMarkEventAndAttribute() async throws {
        let shell = try await openShell(waitForReady: false)
        // Registered after navigation: the event may already have fired, so the listener is checked against
        // the attribute, and both against the mark.
        let signals = try await shell.page.evaluate(
            """
            new Promise(resolve => {
              const report = (via) => resolve({ via, attribute: document.documentElement.dataset.pexdevReady,
                mark: performance.getEntriesByName('pexdev:ready', 'mark').length, readyTime: __pexdev.readyTime });
              if (document.documentElement.dataset.pexdevReady === 'true') report('attribute');
              else document.addEventListener('pexdev:ready', () => report('event'), { once: true });
            })
            """, awaitPromise: true)
        XCTAssertEqual(signals["attribute"], "true", "\(signals)")
        XCTAssertEqual(signals["mark"], 1, "\(signals)")
        let readyTime = try await shell.readyTime()
        XCTAssertEqual(signals["readyTime"]?.number ?? -1, readyTime, accuracy: 1, "readyTime rounds the mark's time")
    }
}
