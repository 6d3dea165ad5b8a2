import Foundation
import XCTest

/// The pexdev bar's role and platform switches re-apply Webapp2's `participantRoles` and `platforms` filters:
/// hidden plugins are unloaded and say why, shown ones load again. sample-branding's plugins run everywhere, so
/// a copy of it gets one more plugin made for web and desktop only.
final class ShellRoleTests: ShellTestCase {
    override class func makeBranding() throws -> BrandingTree {
        let tree = try BrandingTree.sampleCopy()
        try tree.add(.desktopOnly)
        return tree
    }

    static let hostOnly = ["recorder-1.0", "layouts-1.0", "participant-tools-1.0"]
    static let everyone = ["chat-commands-1.0", "desktop-only-1.0"]

    func testGuestRoleHidesTheHostOnlyPluginsAndHostShowsThemAgain() async throws {
        let shell = try await openShell()
        for id in Self.hostOnly + Self.everyone { try await shell.spy(on: id) }

        try await shell.choose("guest", in: "role-select")
        for id in Self.hostOnly { try await shell.waitForPlugin(id, state: "hidden") }
        let plugins = try await shell.plugins()
        for id in Self.hostOnly {
            XCTAssertEqual(plugins[id]?["reason"], "hidden: participantRoles is [chair] (role: guest)", id)
        }
        for id in Self.everyone { XCTAssertEqual(plugins[id]?["state"], "loaded", id) }
        // The node was asked: this tab's participant is a guest now, and the shell follows it.
        let role = try await shell.page.evaluate(
            "({ role: __pexdev.role, self: __pexdev.participants().find(p => p.uuid === PEX.selfUUID).role })")
        XCTAssertEqual(role, ["role": "guest", "self": "guest"])

        let unloads = try await shell.page.evaluate(
            "__spied.filter(c => c.function === 'unload').map(c => c.plugin).sort()")
        XCTAssertEqual(unloads, .array(Self.hostOnly.sorted().map(JSONValue.string)), "unload() once each")
        let chips = try await shell.page.evaluate(
            """
            [...document.querySelectorAll('[data-testid="plugin-status"][data-state="hidden"]')]
              .map(chip => [chip.dataset.pluginId, chip.title, chip.querySelector('.chip-state').textContent])
            """)
        XCTAssertEqual(
            chips,
            .array(
                Self.hostOnly.map {
                    [
                        .string($0), "hidden: participantRoles is [chair] (role: guest)",
                        "hidden: participantRoles is [chair] (role: guest)",
                    ]
                }))
        let toolbar = try await shell.toolbarButtons()
        XCTAssertEqual(toolbar.map { $0["plugin"] ?? .null }, ["desktop-only-1.0"])
        let conferenceMenu = try await shell.openConferenceMenu()
        XCTAssertEqual(conferenceMenu, [], "a guest has no built-in controls and layouts is hidden")
        try await shell.screenshot(named: "role-guest")
        try await shell.page.evaluate("document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }))")

        // Settings > Plugins lists only what this role may have.
        try await shell.page.click(selector: "[data-testid=\"settings-button\"]")
        let listed = try await shell.page.evaluate(
            """
            ({ rows: [...document.querySelectorAll('[data-testid="settings-plugin"]')].map(row => row.dataset.pluginId),
               note: document.querySelector('[data-testid="settings-hidden-note"]').textContent })
            """)
        XCTAssertEqual(listed["rows"], .array(Self.everyone.map(JSONValue.string)))
        XCTAssertEqual(
            listed["note"], "3 more plugins are hidden for this platform or role (see the pexdev bar).")
        try await shell.page.click(selector: "[data-testid=\"settings-close\"]")

        let spied = try await shell.spiedCount()
        try await shell.choose("chair", in: "role-select")
        for id in Self.hostOnly {
            let plugin = try await shell.waitForPlugin(id, state: "loaded")
            XCTAssertEqual(plugin["reason"], .null)
            let load = try await shell.waitForSpiedCall("load", of: id, after: spied)
            XCTAssertEqual(load["args"], ["[observable]", "[observable]"], "load(participants$, conferenceDetails$)")
        }
        let reloaded = try await shell.toolbarButtons()
        XCTAssertEqual(reloaded.map { $0["plugin"] ?? .null }, ["recorder-1.0", "desktop-only-1.0"], "settings order")
        let everyoneCalls = try await shell.page.evaluate(
            "__spied.filter(c => \(JSONValue.array(Self.everyone.map(JSONValue.string)).jsonText).includes(c.plugin)).length"
        )
        XCTAssertEqual(everyoneCalls, 0, "plugins for both roles were neither unloaded nor loaded again")
        XCTAssertEqual(shell.page.exceptions, [])
    }

    func testPlatformSwitchHidesThePluginNotMadeForIt() async throws {
        let shell = try await openShell()
        try await shell.spy(on: "desktop-only-1.0")
        let desktopOnly = "hidden: platforms is [web, electron] (platform: ios)"

        try await shell.choose("ios", in: "platform-select")
        let hidden = try await shell.waitForPlugin("desktop-only-1.0", state: "hidden")
        XCTAssertEqual(hidden["reason"], .string(desktopOnly))
        _ = try await shell.waitForSpiedCall("unload", of: "desktop-only-1.0")
        let state = try await shell.page.evaluate(
            """
            ({ flag: window.desktopOnlyLoaded, platform: __pexdev.platform,
               url: new URL(location.href).searchParams.get('platform'),
               loaded: __pexdev.plugins.filter(p => p.state === 'loaded').map(p => p.id) })
            """)
        XCTAssertEqual(state["flag"], false, "its unload() ran")
        XCTAssertEqual(state["platform"], "ios")
        XCTAssertEqual(state["url"], "ios", "kept in the URL, so a reload emulates the same platform")
        XCTAssertEqual(state["loaded"], .array(ShellLoadingTests.samplePlugins.map(JSONValue.string)))
        let toolbar = try await shell.toolbarButtons()
        XCTAssertEqual(toolbar.map { $0["plugin"] ?? .null }, ["recorder-1.0"])
        try await shell.screenshot(named: "platform-ios")

        try await shell.choose("android", in: "platform-select")
        let android = try await shell.waitForPlugin("desktop-only-1.0", state: "hidden")
        XCTAssertEqual(android["reason"], "hidden: platforms is [web, electron] (platform: android)")

        let spied = try await shell.spiedCount()
        try await shell.choose("electron", in: "platform-select")
        try await shell.waitForPlugin("desktop-only-1.0", state: "loaded")
        _ = try await shell.waitForSpiedCall("load", of: "desktop-only-1.0", after: spied)
        let flag = try await shell.page.evaluate("window.desktopOnlyLoaded")
        XCTAssertEqual(flag, true)
        let back = try await shell.toolbarButtons()
        XCTAssertEqual(back.map { $0["plugin"] ?? .null }, ["recorder-1.0", "desktop-only-1.0"])
    }

    func testPlatformFromTheURLNeverLoadsTheHiddenPlugin() async throws {
        let shell = try await openShell(query: ["platform": "android"])
        let plugins = try await shell.plugins()
        XCTAssertEqual(plugins["desktop-only-1.0"]?["state"], "hidden")
        XCTAssertEqual(
            plugins["desktop-only-1.0"]?["reason"], "hidden: platforms is [web, electron] (platform: android)")
        XCTAssertEqual(plugins["desktop-only-1.0"]?["registered"], false)
        let page = try await shell.page.evaluate(
            """
            ({ script: Boolean(document.querySelector('script[data-plugin-id="desktop-only-1.0"]')),
               select: document.querySelector('[data-testid="platform-select"]').value })
            """)
        XCTAssertEqual(page, ["script": false, "select": "android"], "its script is never fetched")
        for id in ShellLoadingTests.samplePlugins { XCTAssertEqual(plugins[id]?["state"], "loaded", id) }
    }
}
