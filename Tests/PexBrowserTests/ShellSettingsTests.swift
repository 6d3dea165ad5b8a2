import Foundation
import XCTest

/// Settings > Plugins (spec/webapp2-plugins.md §8): name, description and version per plugin; the toggle calls
/// unload() and removes the items, then load() again; `allowUnload` not true means no toggle. A copy of
/// sample-branding gets one plugin that may not be unloaded.
final class ShellSettingsTests: ShellTestCase {
    override class func makeBranding() throws -> BrandingTree {
        let tree = try BrandingTree.sampleCopy()
        try tree.add(.desktopOnly)
        return tree
    }

    private func openSettings(_ shell: ShellPage) async throws {
        try await shell.page.click(selector: "[data-testid=\"settings-button\"]")
        try await shell.page.waitUntil(
            "document.querySelector('[data-testid=\"settings-panel\"]').dataset.open === 'true'")
    }

    private func toggle(_ id: String) -> String {
        "[data-testid=\"plugin-toggle\"][data-plugin-id=\"\(id)\"]"
    }

    func testSettingsListsEveryPluginWithItsPackageDetails() async throws {
        let shell = try await openShell()
        try await openSettings(shell)
        let rows =
            try await shell.page.evaluate(
                """
                [...document.querySelectorAll('[data-testid="settings-plugin"]')].map(row => ({
                  id: row.dataset.pluginId,
                  name: row.querySelector('[data-testid="settings-plugin-name"]').textContent,
                  version: row.querySelector('[data-testid="settings-plugin-version"]')?.textContent ?? null,
                  description: row.querySelector('[data-testid="settings-plugin-description"]').textContent,
                  checked: row.querySelector('[data-testid="plugin-toggle"]').checked,
                  disabled: row.querySelector('[data-testid="plugin-toggle"]').disabled,
                }))
                """
            ).array ?? []
        XCTAssertEqual(rows.map { $0["id"]?.string }, ShellLoadingTests.samplePlugins + ["desktop-only-1.0"])
        XCTAssertEqual(
            rows.map { $0["name"] ?? .null },
            ["Recorder", "Layouts", "Participant tools", "Chat commands", "Desktop only"])
        XCTAssertEqual(rows.map { $0["version"] ?? .null }, ["v1.0.0", "v1.0.0", "v1.0.0", "v1.0.0", "v0.0.1"])
        XCTAssertEqual(
            rows.first?["description"],
            "Adds a toolbar button for Hosts that starts and stops recording the meeting by dialling out to the recording service."
        )
        XCTAssertEqual(rows.map { $0["checked"] ?? .null }, [true, true, true, true, true])
        XCTAssertEqual(rows.map { $0["disabled"] ?? .null }, [false, false, false, false, true], "allowUnload")
        try await shell.screenshot(named: "settings-plugins")
    }

    func testSwitchingAPluginOffAndOnCallsUnloadThenLoad() async throws {
        let shell = try await openShell()
        try await shell.spy(on: "layouts-1.0")
        try await openSettings(shell)

        try await shell.page.click(selector: toggle("layouts-1.0"))
        let unload = try await shell.waitForSpiedCall("unload", of: "layouts-1.0")
        XCTAssertEqual(unload["args"], [])
        let off = try await shell.waitForPlugin("layouts-1.0", state: "unloaded")
        XCTAssertEqual(off["reason"], "unloaded in Settings > Plugins")
        // The state is set before the shell re-renders its chips and toggles: wait for the page to show it.
        try await shell.page.waitUntil(
            #"document.querySelector('[data-testid="plugin-status"][data-plugin-id="layouts-1.0"]')?.dataset.state === 'unloaded'"#)
        let afterOff = try await shell.page.evaluate(
            """
            ({ checked: document.querySelector('[data-testid="plugin-toggle"][data-plugin-id="layouts-1.0"]').checked,
               global: typeof window.layoutsPlugin,
               chip: document.querySelector('[data-testid="plugin-status"][data-plugin-id="layouts-1.0"]').dataset.state })
            """)
        XCTAssertEqual(afterOff, ["checked": false, "global": "undefined", "chip": "unloaded"], "its unload() ran")
        try await shell.screenshot(named: "settings-layouts-off")
        try await shell.page.click(selector: "[data-testid=\"settings-close\"]")
        let withoutLayouts = try await shell.openConferenceMenu()
        XCTAssertFalse(withoutLayouts.contains { $0["plugin"] == "layouts-1.0" }, "\(withoutLayouts)")
        try await shell.page.evaluate("document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }))")

        let spied = try await shell.spiedCount()
        try await openSettings(shell)
        try await shell.page.click(selector: toggle("layouts-1.0"))
        let load = try await shell.waitForSpiedCall("load", of: "layouts-1.0", after: spied)
        XCTAssertEqual(load["args"], ["[observable]", "[observable]"])
        try await shell.waitForPlugin("layouts-1.0", state: "loaded")
        let global = try await shell.page.evaluate("typeof window.layoutsPlugin")
        XCTAssertEqual(global, "object", "its load() ran again")
        try await shell.page.click(selector: "[data-testid=\"settings-close\"]")
        let withLayouts = try await shell.openConferenceMenu()
        XCTAssertEqual(withLayouts.last?["plugin"], "layouts-1.0")
        let calls = try await shell.page.evaluate("__spied.map(c => c.function)")
        XCTAssertEqual(calls, ["unload", "load"])
        XCTAssertEqual(shell.page.exceptions, [])
    }

    func testSwitchingOffTheToolbarPluginRemovesItsButton() async throws {
        let shell = try await openShell()
        try await shell.spy(on: "recorder-1.0")
        try await openSettings(shell)
        try await shell.page.click(selector: toggle("recorder-1.0"))
        _ = try await shell.waitForSpiedCall("unload", of: "recorder-1.0")
        let toolbar = try await shell.toolbarButtons()
        XCTAssertEqual(toolbar.map { $0["plugin"] ?? .null }, ["desktop-only-1.0"])
        try await shell.page.click(selector: toggle("recorder-1.0"))
        _ = try await shell.waitForSpiedCall("load", of: "recorder-1.0")
        let back = try await shell.toolbarButtons()
        XCTAssertEqual(back.map { $0["plugin"] ?? .null }, ["recorder-1.0", "desktop-only-1.0"])
        XCTAssertEqual(back.first?["label"], "Start recording")
    }

    func testAPluginWithoutAllowUnloadCannotBeSwitchedOff() async throws {
        let shell = try await openShell()
        try await shell.spy(on: "desktop-only-1.0")
        try await openSettings(shell)
        let note = try await shell.text(
            of: "[data-testid=\"settings-plugin\"][data-plugin-id=\"desktop-only-1.0\"] .settings-plugin-note")
        XCTAssertEqual(note, "This plugin cannot be unloaded (allowUnload is not true).")
        // A real click on the disabled switch, and the console helper the same way: both refused.
        try await shell.page.click(selector: toggle("desktop-only-1.0"))
        let refused = try await shell.page.evaluate("__pexdev.unloadPlugin('desktop-only-1.0')")
        XCTAssertEqual(refused, false)
        let state = try await shell.page.evaluate(
            """
            ({ state: __pexdev.plugins.find(p => p.id === 'desktop-only-1.0').state, spied: __spied.length,
               checked: document.querySelector('[data-testid="plugin-toggle"][data-plugin-id="desktop-only-1.0"]').checked })
            """)
        XCTAssertEqual(state, ["state": "loaded", "spied": 0, "checked": true])
    }
}
