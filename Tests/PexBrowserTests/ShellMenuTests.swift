import Foundation
import XCTest

/// sample-branding's menu items: each in its place with its icon and label, and each calling its action with
/// the arguments of its placement (spec/webapp2-plugins.md §4), which then reach the conference.
final class ShellMenuTests: ShellTestCase {
    func testToolbarButtonStartsAndStopsTheRecorderAndFollowsState() async throws {
        let shell = try await openShell()
        let recordIcon = try await brandingURL("plugins/recorder/assets/record.svg#record")
        let stopIcon = try await brandingURL("plugins/recorder/assets/stop.svg#stop")

        let buttons = try await shell.toolbarButtons()
        XCTAssertEqual(
            buttons,
            [
                [
                    "plugin": "recorder-1.0", "index": "0", "label": "Start recording", "tip": "Start recording",
                    "icon": .string(recordIcon), "inToolbar": true,
                ]
            ])
        try await shell.waitForIconsDrawn()
        try await shell.spy(on: "recorder-1.0")

        // Toolbar actions get (participants, conferenceDetails): the roster as it is at the click.
        let roster = try await shell.page.evaluate("__pexdev.participants().map(p => p.uuid).sort()")
        let requestsBefore = try await shell.count("requests")
        try await shell.page.click(selector: "[data-testid=\"toolbar-plugin-button\"][data-plugin-id=\"recorder-1.0\"]")
        let action = try await shell.waitForSpiedCall("toggleRecording", of: "recorder-1.0")
        let args = action["args"]?.array ?? []
        XCTAssertEqual(args.count, 2, "\(action)")
        XCTAssertEqual(
            args.first?.array?.compactMap { $0["uuid"]?.string }.sorted().map(JSONValue.string), roster.array,
            "the toolbar action gets the roster")
        XCTAssertEqual(args.last?["locked"], false, "and the conference details: \(action)")
        XCTAssertEqual(args.last?["guestsMuted"], false, "\(action)")

        // dialOut → POST dial, whose result (the new uuid) comes back through the plugin's callback.
        let dialOut = try await shell.waitForCall("dialOut", plugin: "recorder-1.0")
        XCTAssertEqual(dialOut["args"]?[0], "recorder@example.com")
        XCTAssertEqual(dialOut["args"]?[2], "guest")
        let dial = try await shell.waitForRequest("dial", source: "recorder-1.0", after: requestsBefore)
        XCTAssertEqual(dial["method"], "POST")
        XCTAssertEqual(dial["status"], 200, "\(dial)")
        XCTAssertEqual(
            dial["body"],
            ["destination": "recorder@example.com", "protocol": "auto", "role": "GUEST", "streaming": true])
        let recorderUUID = try XCTUnwrap(dial["result"]?[0]?.string, "dial answers the new participant's uuid: \(dial)")

        // state$.next(STOP) changes the button's label and icon.
        let stopping = try await shell.page.waitForValue(
            """
            (() => {
              const button = document.querySelector('[data-testid="toolbar-plugin-button"][data-plugin-id="recorder-1.0"]');
              return button && button.dataset.label === 'Stop recording'
                ? { label: button.dataset.label, icon: button.querySelector('svg use').getAttribute('href'),
                    tip: button.querySelector('.toolbar-tip').textContent, aria: button.getAttribute('aria-label') }
                : null;
            })()
            """)
        XCTAssertEqual(
            stopping,
            ["label": "Stop recording", "icon": .string(stopIcon), "tip": "Stop recording", "aria": "Stop recording"])
        try await shell.waitForIconsDrawn()
        // The mock's dial-out joins after its connecting phase; the roster shows it streaming.
        try await shell.page.waitUntil(
            "document.querySelector('[data-testid=\"roster-row\"][data-uuid=\"\(recorderUUID)\"] [data-flag=\"streaming\"]')"
        )
        try await shell.page.evaluate("document.querySelector('[data-testid=\"toolbar-plugin-button\"]').focus()")
        try await shell.screenshot(named: "toolbar-recording")

        // Again: disconnectParticipant(the recorder) and back to "Start recording".
        let requestsBeforeStop = try await shell.count("requests")
        try await shell.page.click(selector: "[data-testid=\"toolbar-plugin-button\"][data-plugin-id=\"recorder-1.0\"]")
        let disconnect = try await shell.waitForRequest(
            "participants/\(recorderUUID)/disconnect", source: "recorder-1.0", after: requestsBeforeStop)
        XCTAssertEqual(disconnect["status"], 200, "\(disconnect)")
        try await shell.page.waitUntil(
            """
            (button => button.dataset.label === 'Start recording'
              && button.querySelector('svg use').getAttribute('href') === \(jsString(recordIcon)))(
              document.querySelector('[data-testid="toolbar-plugin-button"][data-plugin-id="recorder-1.0"]'))
            """)
        try await shell.page.waitUntil("!__pexdev.participants().some(p => p.uuid === \(jsString(recorderUUID)))")
        XCTAssertEqual(shell.page.exceptions, [])
    }

    func testConferenceMenuHasTheLayoutsItemAfterTheBuiltIns() async throws {
        let shell = try await openShell()
        let items = try await shell.openConferenceMenu()
        XCTAssertEqual(items.map { $0["builtin"] ?? .null }, ["lock", "muteguests", nil], "\(items)")
        let plugin = try XCTUnwrap(items.last)
        XCTAssertEqual(plugin["testid"], "conference-menu-item")
        XCTAssertEqual(plugin["plugin"], "layouts-1.0")
        XCTAssertEqual(plugin["index"], "0")
        XCTAssertEqual(plugin["label"], "Change layout…")
        let layoutIcon = try await brandingURL("plugins/layouts/assets/layout.svg#layout")
        XCTAssertEqual(plugin["icon"], .string(layoutIcon))
        try await shell.waitForIconsDrawn()
        try await shell.screenshot(named: "conference-menu")

        // Conference menu actions get (conferenceDetails).
        try await shell.spy(on: "layouts-1.0")
        try await shell.page.click(selector: "[data-testid=\"conference-menu-item\"][data-plugin-id=\"layouts-1.0\"]")
        let action = try await shell.waitForSpiedCall("openLayoutDialog", of: "layouts-1.0")
        let details = try await shell.page.evaluate("__pexdev.conferenceDetails()")
        XCTAssertEqual(action["args"], [details])
        try await shell.page.waitUntil("document.querySelector('[data-testid=\"plugin-dialog\"]')")
        let title = try await shell.text(of: "[data-testid=\"plugin-dialog-title\"]")
        XCTAssertEqual(title, "Change layout", "the dialog itself is ShellDialogTests' business")
        let menuOpen = try await shell.page.evaluate("Boolean(document.querySelector('.popup-menu'))")
        XCTAssertEqual(menuOpen, false, "choosing an item closes the menu")
    }

    func testParticipantMenuHasTheToolsForThatParticipant() async throws {
        let shell = try await openShell()
        let bob = try await shell.participant(named: "Bob Builder")
        let bobUUID = try XCTUnwrap(bob["uuid"]?.string)
        let items = try await shell.openParticipantMenu(bobUUID)
        XCTAssertEqual(items.map { $0["builtin"] ?? .null }, ["mute", "disconnect", nil, nil, nil], "\(items)")
        let pluginItems = Array(items.suffix(3))
        XCTAssertEqual(pluginItems.map { $0["label"] ?? .null }, ["Spotlight on/off", "Mute/unmute", "Send DTMF…"])
        XCTAssertEqual(pluginItems.map { $0["index"] ?? .null }, ["0", "1", "2"])
        var icons: [JSONValue] = []
        for path in ["spotlight.svg#spotlight", "mute.svg#mute", "dialpad.svg#dialpad"] {
            icons.append(.string(try await brandingURL("plugins/participant-tools/assets/\(path)")))
        }
        XCTAssertEqual(pluginItems.map { $0["icon"] ?? .null }, icons)
        for item in pluginItems {
            XCTAssertEqual(item["testid"], "participant-menu-item")
            XCTAssertEqual(item["plugin"], "participant-tools-1.0")
            XCTAssertEqual(item["uuid"], .string(bobUUID))
        }
        try await shell.waitForIconsDrawn()
        try await shell.screenshot(named: "participant-menu")
        let toolbar = try await shell.toolbarButtons()
        XCTAssertEqual(toolbar.map { $0["plugin"] ?? .null }, ["recorder-1.0"], "only the toolbar plugin is there")
        try await shell.page.evaluate("document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }))")
        let conferenceItems = try await shell.openConferenceMenu()
        XCTAssertFalse(conferenceItems.contains { $0["plugin"] == "participant-tools-1.0" }, "\(conferenceItems)")
    }

    func testParticipantActionsGetTheParticipantAndReachTheNode() async throws {
        let shell = try await openShell()
        try await shell.spy(on: "participant-tools-1.0")
        let bob = try await shell.participant(named: "Bob Builder")
        let bobUUID = try XCTUnwrap(bob["uuid"]?.string)
        XCTAssertEqual(bob["muted"], true, "the scenario has Bob muted")

        // Spotlight: spotlightOnParticipant(uuid) → participants/<uuid>/spotlighton, and the roster shows it.
        var requests = try await shell.count("requests")
        _ = try await shell.openParticipantMenu(bobUUID)
        try await shell.page.click(selector: "[data-testid=\"participant-menu-item\"][data-item-index=\"0\"]")
        let spotlight = try await shell.waitForSpiedCall("toggleSpotlight", of: "participant-tools-1.0")
        XCTAssertEqual(spotlight["args"]?.array?.count, 1, "\(spotlight)")
        XCTAssertEqual(spotlight["args"]?[0], bob, "the action gets the participant as plugins see it")
        let spotlightCall = try await shell.waitForCall("spotlightOnParticipant", plugin: "participant-tools-1.0")
        XCTAssertEqual(spotlightCall["args"], [.string(bobUUID)])
        let spotlighton = try await shell.waitForRequest(
            "participants/\(bobUUID)/spotlighton", source: "participant-tools-1.0", after: requests)
        XCTAssertEqual(spotlighton["status"], 200, "\(spotlighton)")
        try await shell.page.waitUntil(
            "document.querySelector('[data-testid=\"roster-row\"][data-uuid=\"\(bobUUID)\"] [data-flag=\"spotlight\"]')"
        )

        // The same item again: the participant now has spotlight, so it is switched off.
        var spied = try await shell.spiedCount()
        requests = try await shell.count("requests")
        _ = try await shell.openParticipantMenu(bobUUID)
        try await shell.page.click(selector: "[data-testid=\"participant-menu-item\"][data-item-index=\"0\"]")
        let again = try await shell.waitForSpiedCall("toggleSpotlight", of: "participant-tools-1.0", after: spied)
        XCTAssertGreaterThan(again["args"]?[0]?["spotlight"]?.number ?? 0, 0, "\(again)")
        _ = try await shell.waitForRequest(
            "participants/\(bobUUID)/spotlightoff", source: "participant-tools-1.0", after: requests)

        // Mute/unmute on a muted participant: unmute through sendRequest.
        spied = try await shell.spiedCount()
        requests = try await shell.count("requests")
        _ = try await shell.openParticipantMenu(bobUUID)
        try await shell.page.click(selector: "[data-testid=\"participant-menu-item\"][data-item-index=\"1\"]")
        let mute = try await shell.waitForSpiedCall("toggleMute", of: "participant-tools-1.0", after: spied)
        XCTAssertEqual(mute["args"]?[0]?["uuid"], .string(bobUUID))
        let unmute = try await shell.waitForRequest(
            "participants/\(bobUUID)/unmute", source: "participant-tools-1.0", after: requests)
        XCTAssertEqual(unmute["status"], 200, "\(unmute)")
        try await shell.page.waitUntil(
            "__pexdev.participants().find(p => p.uuid === \(jsString(bobUUID))).muted === false")

        // Someone the node cannot mute (the streaming recorder): the plugin explains in a dialog instead.
        let recorder = try await shell.participant(named: "Recorder")
        let recorderUUID = try XCTUnwrap(recorder["uuid"]?.string)
        XCTAssertEqual(recorder["canMute"], false)
        spied = try await shell.spiedCount()
        _ = try await shell.openParticipantMenu(recorderUUID)
        try await shell.page.click(selector: "[data-testid=\"participant-menu-item\"][data-item-index=\"1\"]")
        let refused = try await shell.waitForSpiedCall("toggleMute", of: "participant-tools-1.0", after: spied)
        XCTAssertEqual(refused["args"]?[0]?["uuid"], .string(recorderUUID))
        try await shell.page.waitUntil(
            "document.querySelector('[data-testid=\"plugin-dialog-body\"]')?.textContent.includes('Recorder cannot be muted')"
        )
        let mutes = try await shell.page.evaluate(
            "__pexdev.requests.filter(r => r.call === \(jsString("participants/\(recorderUUID)/mute"))).length")
        XCTAssertEqual(mutes, 0, "no mute request for a participant that cannot be muted")
        XCTAssertEqual(shell.page.exceptions, [])
    }
}
