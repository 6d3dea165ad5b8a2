import Foundation
import XCTest

/// Broken plugins next to sample-branding's: an exception in plugin code gets the Oops overlay naming the plugin
/// and its file:line:column, the other plugins keep working, and "Unload … and continue" does; a plugin that
/// never registers, or registers under another id, is named in a banner.
final class ShellErrorTests: ShellTestCase {
    static let broken: [PluginFixture] = [.throwsInLoad, .throwsInHandlers, .neverRegisters, .wrongID]

    override class func makeBranding() throws -> BrandingTree {
        let tree = try BrandingTree.sampleCopy()
        for plugin in broken { try tree.add(plugin) }
        return tree
    }

    private static let oops = "[data-testid=\"oops\"]"

    /// The overlay's content once it shows plugin `id`'s error (of `kind`, if given).
    private func waitForOops(_ shell: ShellPage, plugin id: String, kind: String? = nil) async throws -> JSONValue {
        let kindTest = kind.map { "[data-kind=\(jsString($0))]" } ?? ""
        return try await shell.page.waitForValue(
            """
            (() => {
              const oops = document.querySelector('[data-testid="oops"][data-plugin-id=\(jsString(id))]\(kindTest)');
              if (!oops || oops.closest('[hidden]')) return null;
              const text = (testid) => oops.querySelector(`[data-testid="${testid}"]`)?.textContent ?? null;
              return { kind: oops.dataset.kind, plugin: text('oops-plugin'), message: text('oops-message'),
                       location: text('oops-location'), href: oops.querySelector('a[data-testid="oops-location"]')?.href ?? null,
                       stack: text('oops-stack'), unload: text('oops-unload') };
            })()
            """)
    }

    private func oopsIsGone(_ shell: ShellPage) async throws {
        try await shell.page.waitUntil(
            "!document.querySelector('[data-testid=\"oops\"]') || document.querySelector('.oops-backdrop').hidden")
    }

    /// Clicks the recorder's toolbar button and returns the dial request it makes: proof a plugin still works.
    private func recorderDials(_ shell: ShellPage) async throws -> JSONValue {
        let requests = try await shell.count("requests")
        try await shell.page.click(selector: "[data-testid=\"toolbar-plugin-button\"][data-plugin-id=\"recorder-1.0\"]")
        return try await shell.waitForRequest("dial", source: "recorder-1.0", after: requests)
    }

    func testAPluginThatThrowsInLoadGetsTheOopsOverlayAndTheOthersCarryOn() async throws {
        let shell = try await openShell(waitForReady: false)
        let plugin = PluginFixture.throwsInLoad
        let source = try await brandingURL("plugins/throws-in-load/throws-in-load.plugin.js")
        let thrown = try XCTUnwrap(plugin.position(of: "new Error('boom in load')"))
        let location = "plugins/throws-in-load/throws-in-load.plugin.js:\(thrown.line):\(thrown.column)"

        let oops = try await waitForOops(shell, plugin: plugin.id)
        XCTAssertEqual(oops["kind"], "load")
        XCTAssertEqual(oops["plugin"], "Throws in load (throws-in-load-1.0)")
        XCTAssertEqual(oops["message"], "Error: boom in load")
        XCTAssertEqual(oops["location"], .string(location))
        XCTAssertEqual(oops["href"], .string(source), "the location links to the source")
        XCTAssertTrue(oops["stack"]?.string?.contains("\(source):\(thrown.line):\(thrown.column)") == true, "\(oops)")
        XCTAssertEqual(oops["unload"], "Unload Throws in load and continue")
        let error = try await shell.page.evaluate("__pexdev.errors.find(e => e.plugin === \(jsString(plugin.id)))")
        XCTAssertEqual(error["kind"], "load")
        XCTAssertEqual(error["file"], "plugins/throws-in-load/throws-in-load.plugin.js")
        XCTAssertEqual(error["line"], .number(Double(thrown.line)))
        XCTAssertEqual(error["column"], .number(Double(thrown.column)))
        try await shell.screenshot(named: "oops-load")

        // The sample plugins load all the same.
        for id in ShellLoadingTests.samplePlugins { try await shell.waitForPlugin(id, state: "loaded") }
        let failed = try await shell.waitForPlugin(plugin.id, state: "failed")
        XCTAssertEqual(failed["reason"], "load() threw: boom in load")

        try await shell.page.click(selector: "[data-testid=\"oops-unload\"]")
        try await oopsIsGone(shell)
        let dial = try await recorderDials(shell)
        XCTAssertEqual(dial["status"], 200, "\(dial)")
        try await shell.page.waitUntil(
            "document.querySelector('[data-testid=\"toolbar-plugin-button\"][data-plugin-id=\"recorder-1.0\"]').dataset.label === 'Stop recording'"
        )
    }

    func testAThrowingActionGetsTheOopsAndUnloadingItLetsTheRestContinue() async throws {
        let shell = try await openShell(waitForReady: false)
        let plugin = PluginFixture.throwsInHandlers
        _ = try await waitForOops(shell, plugin: PluginFixture.throwsInLoad.id)
        try await shell.page.click(selector: "[data-testid=\"oops-unload\"]")
        try await oopsIsGone(shell)
        try await shell.waitForPlugin(plugin.id, state: "loaded")
        try await shell.waitForPlugin("recorder-1.0", state: "loaded")

        try await shell.page.click(
            selector: "[data-testid=\"toolbar-plugin-button\"][data-plugin-id=\"\(plugin.id)\"][data-item-index=\"0\"]")
        let oops = try await waitForOops(shell, plugin: plugin.id)
        let thrown = try XCTUnwrap(plugin.position(of: "volume;"))
        XCTAssertEqual(oops["kind"], "action")
        XCTAssertEqual(oops["plugin"], "Throws in handlers (throws-in-handlers-1.0)")
        XCTAssertEqual(oops["message"], "TypeError: Cannot read properties of undefined (reading 'volume')")
        XCTAssertEqual(
            oops["location"],
            .string("plugins/throws-in-handlers/throws-in-handlers.plugin.js:\(thrown.line):\(thrown.column)"))
        try await shell.screenshot(named: "oops-action")

        try await shell.page.click(selector: "[data-testid=\"oops-unload\"]")
        try await oopsIsGone(shell)
        let unloaded = try await shell.waitForPlugin(plugin.id, state: "unloaded")
        XCTAssertEqual(unloaded["reason"], "unloaded after an error")
        let flag = try await shell.page.evaluate("window.throwsInHandlersUnloaded")
        XCTAssertEqual(flag, true, "its unload() ran")
        let toolbar = try await shell.toolbarButtons()
        XCTAssertEqual(toolbar.map { $0["plugin"] ?? .null }, ["recorder-1.0"], "its button went with it")
        let dial = try await recorderDials(shell)
        XCTAssertEqual(dial["status"], 200, "\(dial)")
    }

    func testDialogHandlersAndSubscribersThatThrowAreBlamedOnTheirPlugin() async throws {
        let shell = try await openShell(waitForReady: false)
        let plugin = PluginFixture.throwsInHandlers
        _ = try await waitForOops(shell, plugin: PluginFixture.throwsInLoad.id)
        try await shell.page.click(selector: "[data-testid=\"oops-unload\"]")
        try await oopsIsGone(shell)
        try await shell.waitForPlugin(plugin.id, state: "loaded")

        // An inline onclick handler runs with the page as its file: the dialog it is in says whose it is.
        try await shell.page.click(
            selector: "[data-testid=\"toolbar-plugin-button\"][data-plugin-id=\"\(plugin.id)\"][data-item-index=\"1\"]")
        try await shell.page.click(
            selector: "[data-testid=\"plugin-dialog\"][data-plugin-id=\"\(plugin.id)\"] button#throws-in-handlers-boom")
        let inDialog = try await waitForOops(shell, plugin: plugin.id, kind: "dialog")
        XCTAssertEqual(inDialog["message"], "TypeError: Cannot read properties of undefined (reading 'go')")
        XCTAssertTrue(
            inDialog["location"]?.string?.hasPrefix("inline handler in its dialog HTML") == true, "\(inDialog)")
        try await shell.screenshot(named: "oops-dialog")
        try await shell.page.click(selector: "[data-testid=\"oops-dismiss\"]")
        try await oopsIsGone(shell)

        // A participants$ subscriber that throws: blamed on the plugin, while the roster still updates.
        try await shell.mock(["join": ["display_name": "Trouble Maker", "role": "guest"]])
        let inSubscriber = try await waitForOops(shell, plugin: plugin.id, kind: "subscriber")
        let thrown = try XCTUnwrap(plugin.position(of: "new RangeError"))
        XCTAssertEqual(inSubscriber["message"], "RangeError: boom in a subscriber")
        XCTAssertEqual(
            inSubscriber["location"],
            .string("plugins/throws-in-handlers/throws-in-handlers.plugin.js:\(thrown.line):\(thrown.column)"))
        let trouble = try await shell.participant(named: "Trouble Maker")
        let troubleUUID = try XCTUnwrap(trouble["uuid"]?.string)
        try await shell.page.waitUntil(
            "document.querySelector('[data-testid=\"roster-row\"][data-uuid=\"\(troubleUUID)\"]')")
        let others = try await shell.plugins()
        XCTAssertEqual(others["layouts-1.0"]?["state"], "loaded")

        // Unloading clears every error of that plugin still queued, and closes its dialog.
        try await shell.page.click(selector: "[data-testid=\"oops-unload\"]")
        try await oopsIsGone(shell)
        try await shell.waitForPlugin(plugin.id, state: "unloaded")
        let after = try await shell.page.evaluate(
            "({ unloaded: window.throwsInHandlersUnloaded, dialogs: __pexdev.openDialogs().length })")
        XCTAssertEqual(after, ["unloaded": true, "dialogs": 0])
    }

    func testDevPanelListsTheCheckersFindings() async throws {
        let shell = try await openShell(waitForReady: false)
        let findings = try await shell.page.waitForValue("__pexdev.diagnostics && __pexdev.diagnostics.diagnostics")
        let count = try XCTUnwrap(findings.array?.count)
        try await shell.page.click(selector: "[data-testid=\"oops-dismiss\"]")
        try await oopsIsGone(shell)
        try await shell.page.click(selector: "[data-testid=\"dev-panel-toggle\"]")
        let listed =
            try await shell.page.waitForValue(
                """
                (items => items.length > 0 ? items : null)(
                  [...document.querySelectorAll('[data-testid="dev-panel"] [data-testid="diagnostic"]')].map(item => item.textContent))
                """
            ).array ?? []
        XCTAssertEqual(listed.count, count, "one entry per finding of /__pexdev/diagnostics")
        XCTAssertTrue(
            listed.contains {
                $0.string?.contains("plugins/wrong-id/wrong-id.plugin.js:") == true
                    && $0.string?.contains("wrong-id-typo") == true
            }, "\(listed)")
        try await shell.screenshot(named: "dev-panel-diagnostics")
    }

    func testRegistrationMistakesAreNamedInBanners() async throws {
        let shell = try await openShell(waitForReady: false)
        // Ready waits for every plugin to settle, and a plugin that never registers is given a grace period.
        try await shell.waitForReady()
        let banners =
            try await shell.page.evaluate(
                """
                [...document.querySelectorAll('[data-testid="banner"]')].map(banner => ({
                  code: banner.dataset.code, plugin: banner.dataset.pluginId,
                  text: banner.querySelector('.banner-text').firstChild.textContent }))
                """
            ).array ?? []
        let byCode = Dictionary(banners.map { ($0["code"]?.string ?? "?", $0) }) { first, _ in first }
        XCTAssertEqual(
            byCode["never-registered"],
            [
                "code": "never-registered", "plugin": "never-registers-1.0",
                "text":
                    "never-registers-1.0: never called PEX.pluginAPI.registerPlugin (waited 3 s after plugins/never-registers/never-registers.plugin.js ran)",
            ], "\(banners)")
        XCTAssertEqual(
            byCode["unknown-id"],
            [
                "code": "unknown-id", "plugin": "wrong-id-1.0",
                "text":
                    "registerPlugin was called with id \"wrong-id-typo\" (from plugins/wrong-id/wrong-id.plugin.js), which matches no package file; its package id is \"wrong-id-1.0\".",
            ], "\(banners)")
        let plugins = try await shell.plugins()
        XCTAssertEqual(plugins["never-registers-1.0"]?["state"], "failed")
        XCTAssertEqual(plugins["wrong-id-1.0"]?["state"], "failed")
        XCTAssertEqual(
            plugins["wrong-id-1.0"]?["reason"],
            "registered under the unknown id \"wrong-id-typo\" instead of \"wrong-id-1.0\"")
        let ran = try await shell.page.evaluate("window.neverRegistersRan")
        XCTAssertEqual(ran, true, "the script did run; it only never registered")
        for id in ShellLoadingTests.samplePlugins { XCTAssertEqual(plugins[id]?["state"], "loaded", id) }
        // Eight plugins make two rows of status chips on a 1280-pixel screen: both show, with no scroll bar.
        let chips = try await shell.page.evaluate(
            """
            (list => ({ rows: new Set([...list.children].map(chip => chip.offsetTop)).size,
                        overflow: list.scrollHeight - list.clientHeight }))(
              document.querySelector('[data-testid="plugin-statuses"]'))
            """)
        XCTAssertEqual(chips["rows"], 2, "\(chips)")
        XCTAssertEqual(chips["overflow"], 0, "\(chips)")
        try await shell.page.click(selector: "[data-testid=\"oops-dismiss\"]")
        try await oopsIsGone(shell)
        try await shell.screenshot(named: "banners")
    }
}
