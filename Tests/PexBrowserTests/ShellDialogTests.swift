import Foundation
import XCTest

/// `openTemplateDialog` dialogs from sample-branding: the plugin's HTML with inline styles and inline `onclick`
/// handlers (layouts) or handlers wired once the dialog is open (participant-tools), sending the right requests.
final class ShellDialogTests: ShellTestCase {
    private static let dialogBody = "[data-testid=\"plugin-dialog-body\"]"

    private func openLayoutDialog(_ shell: ShellPage) async throws {
        _ = try await shell.openConferenceMenu()
        try await shell.page.click(selector: "[data-testid=\"conference-menu-item\"][data-plugin-id=\"layouts-1.0\"]")
        try await shell.page.waitUntil(
            "document.querySelector('[data-testid=\"plugin-dialog\"][data-plugin-id=\"layouts-1.0\"]')")
    }

    func testLayoutDialogInlineButtonsTransformTheLayout() async throws {
        let shell = try await openShell()
        try await openLayoutDialog(shell)
        let dialog = try await shell.page.evaluate(
            """
            (() => {
              const body = document.querySelector('[data-testid="plugin-dialog-body"]');
              return {
                title: document.querySelector('[data-testid="plugin-dialog-title"]').textContent,
                buttons: [...body.querySelectorAll('button')].map(b => b.textContent.trim()),
                inline: [...body.querySelectorAll('button')].every(b => b.getAttribute('onclick')?.startsWith('window.layoutsPlugin.')),
                styled: getComputedStyle(body.querySelector('button')).minWidth,
                suggestion: body.querySelector('p')?.textContent.replace(/\\s+/g, ' ').trim() ?? null,
                video: __pexdev.participants().filter(p => p.callType === 'video' && !p.isStreaming).length,
                open: __pexdev.openDialogs().length,
              };
            })()
            """)
        XCTAssertEqual(dialog["title"], "Change layout")
        XCTAssertEqual(
            dialog["buttons"],
            ["Speaker only", "Equal 2×2", "Speaker + 7", "Equal 3×3", "Speaker + 21", "Two speakers + 21", "Default"])
        XCTAssertEqual(dialog["inline"], true, "\(dialog)")
        XCTAssertEqual(dialog["styled"], "150px", "the plugin's inline style applies")
        XCTAssertEqual(dialog["open"], 1)
        // The suggestion comes from the participants$ the plugin got in load().
        let video = try XCTUnwrap(dialog["video"]?.int)
        XCTAssertEqual(video, 4, "Dev, Alice, Bob and Carol are on video")
        XCTAssertEqual(dialog["suggestion"], "4 participants on video: Equal 2×2 shows everyone.")
        try await shell.screenshot(named: "layouts-dialog")

        // An inline onclick runs in the page's scope: window.layoutsPlugin.choose('4:0') → transform_layout.
        var requests = try await shell.count("requests")
        var calls = try await shell.count("calls")
        try await shell.page.click(selector: "\(Self.dialogBody) button[onclick*=\"'4:0'\"]")
        let call = try await shell.waitForCall("transformConferenceLayout", plugin: "layouts-1.0", after: calls)
        XCTAssertEqual(call["args"], [["layout": "4:0"]], "the call is attributed to the plugin whose dialog it is")
        let transform = try await shell.waitForRequest("transform_layout", source: "layouts-1.0", after: requests)
        XCTAssertEqual(transform["method"], "POST")
        XCTAssertEqual(transform["body"], ["transforms": ["layout": "4:0"]])
        XCTAssertEqual(transform["status"], 200, "\(transform)")
        try await shell.page.waitUntil("__pexdev.openDialogs().length === 0")
        try await shell.page.waitUntil(
            "document.querySelector('[data-testid=\"layout-note\"]')?.textContent === 'Layout 4:0'")

        // "Default" sends an empty transform, and the node goes back to its own layout.
        try await openLayoutDialog(shell)
        requests = try await shell.count("requests")
        calls = try await shell.count("calls")
        try await shell.page.click(selector: "\(Self.dialogBody) button[onclick=\"window.layoutsPlugin.reset()\"]")
        let reset = try await shell.waitForRequest("transform_layout", source: "layouts-1.0", after: requests)
        XCTAssertEqual(reset["body"], ["transforms": [:]])
        XCTAssertEqual(reset["status"], 200, "\(reset)")
        _ = try await shell.waitForCall("transformConferenceLayout", plugin: "layouts-1.0", after: calls)
        try await shell.page.waitUntil(
            "document.querySelector('[data-testid=\"layout-note\"]')?.textContent === 'Layout 1:7'")
        XCTAssertEqual(shell.page.exceptions, [])
    }

    func testClosingTheDialogReachesThePluginThroughItsCloseObservable() async throws {
        let shell = try await openShell()
        try await openLayoutDialog(shell)
        try await shell.page.click(selector: "[data-testid=\"plugin-dialog-close\"]")
        try await shell.page.waitUntil(
            "__pexdev.openDialogs().length === 0 && !document.querySelector('[data-testid=\"plugin-dialog\"]')")
        // The plugin refuses a second dialog while it thinks one is open: a new one means close$ reached it.
        try await openLayoutDialog(shell)
        try await shell.page.evaluate("document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }))")
        try await shell.page.waitUntil("__pexdev.openDialogs().length === 0")
        try await openLayoutDialog(shell)
        let open = try await shell.page.evaluate("__pexdev.openDialogs().length")
        XCTAssertEqual(open, 1)
    }

    func testDTMFDialogSendsTheDigitsTypedForThatParticipant() async throws {
        let shell = try await openShell()
        let dave = try await shell.participant(named: "Dave (phone)")
        let daveUUID = try XCTUnwrap(dave["uuid"]?.string)
        _ = try await shell.openParticipantMenu(daveUUID)
        try await shell.page.click(selector: "[data-testid=\"participant-menu-item\"][data-item-index=\"2\"]")
        try await shell.page.waitUntil(
            "document.activeElement && document.activeElement.id === 'participant-tools-dtmf-digits'")
        let text = try await shell.text(of: Self.dialogBody)
        XCTAssertTrue(text?.contains("Tones to send to Dave (phone)") == true, text ?? "no dialog body")
        let title = try await shell.text(of: "[data-testid=\"plugin-dialog-title\"]")
        XCTAssertEqual(title, "Send DTMF")

        // Not a DTMF digit: the plugin refuses it in the dialog, and nothing is sent.
        let requests = try await shell.count("requests")
        try await shell.page.type(text: "12x")
        try await shell.page.click(selector: "\(Self.dialogBody) button[type=\"submit\"]")
        try await shell.page.waitUntil(
            "document.getElementById('participant-tools-dtmf-digits').placeholder === 'Only 0–9, *, # and A–D'")
        try await shell.screenshot(named: "dtmf-dialog-refused")
        try await shell.page.click(selector: "#participant-tools-dtmf-digits")
        try await shell.page.type(text: "1234#")
        try await shell.page.click(selector: "\(Self.dialogBody) button[type=\"submit\"]")
        let dtmf = try await shell.waitForRequest(
            "participants/\(daveUUID)/dtmf", source: "participant-tools-1.0", after: requests)
        XCTAssertEqual(dtmf["body"], ["digits": "1234#"])
        XCTAssertEqual(dtmf["status"], 200, "\(dtmf)")
        try await shell.page.waitUntil("__pexdev.openDialogs().length === 0")
        let sent = try await shell.page.evaluate(
            "__pexdev.requests.slice(\(requests)).filter(r => r.call.endsWith('/dtmf')).length")
        XCTAssertEqual(sent, 1, "the refused digits were never sent")
        let warnings = try await shell.page.evaluate(
            "__pexdev.notes.filter(n => n.message.includes('without preventDefault'))")
        XCTAssertEqual(warnings, [], "the plugin's submit handler prevents the page reload itself")
        XCTAssertEqual(shell.page.exceptions, [])
    }
}
