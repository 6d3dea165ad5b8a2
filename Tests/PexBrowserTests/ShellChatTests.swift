import Foundation
import XCTest

/// Chat reaches plugins through PEX.actions$: a message from another participant (injected through the mock's
/// control API) as RECEIVE_CHAT_MESSAGE, one typed in the chat panel as SEND_CHAT_MESSAGE. sample-branding's
/// chat-commands plugin answers on the first.
final class ShellChatTests: ShellTestCase {
    private static let receive = "[Chat] Receive Message"
    private static let send = "[Chat] Send Message"

    /// Subscribes in the page, as a plugin would, to `PEX.actions$.ofType(PEX.actions.<constant>)`.
    private func listen(_ shell: ShellPage, for constant: String) async throws {
        try await shell.page.evaluate(
            """
            window.__heard = window.__heard || [];
            PEX.actions$.ofType(PEX.actions.\(constant)).subscribe(action =>
              window.__heard.push({ type: action.type, payload: JSON.parse(JSON.stringify(action.payload)) }));
            """)
    }

    func testReceivedChatReachesActionsAndChatCommandsAnswers() async throws {
        let shell = try await openShell()
        try await listen(shell, for: "RECEIVE_CHAT_MESSAGE")
        let carol = try await shell.participant(named: "Carol Guest")
        let actions = try await shell.count("actions")

        try await shell.mock(["chat": ["from": "Carol Guest", "text": "!help"]])
        let action = try await shell.waitForAction(Self.receive, text: "!help", after: actions)
        XCTAssertEqual(action["payload"]?["origin"], "Carol Guest")
        XCTAssertEqual(action["payload"]?["uuid"], carol["uuid"])
        XCTAssertEqual(action["payload"]?["type"], "text/plain")
        let heard = try await shell.page.waitForValue("window.__heard.find(a => a.payload.payload === '!help')")
        XCTAssertEqual(heard["type"], .string(Self.receive), "PEX.actions.RECEIVE_CHAT_MESSAGE is that type")
        XCTAssertEqual(heard["payload"], action["payload"])

        // chat-commands (this tab is a Host) answers !help in the chat, through sendChatMessage.
        let reply = try await shell.waitForCall("sendChatMessage", plugin: "chat-commands-1.0")
        let text = try XCTUnwrap(reply["args"]?[0]?.string)
        XCTAssertTrue(text.hasPrefix("Chat commands for Hosts (answered by Dev's app): /lock, /unlock"), text)
        let message = try await shell.waitForRequest("message", source: "chat-commands-1.0")
        XCTAssertEqual(message["body"], ["type": "text/plain", "payload": .string(text)])
        XCTAssertEqual(message["status"], 200, "\(message)")
        // Both messages are in the chat panel.
        try await shell.page.click(selector: "[data-testid=\"tab-chat\"]")
        let shown = try await shell.page.waitForValue(
            """
            (messages => messages.length >= 2 ? messages : null)([...document.querySelectorAll('[data-testid="chat-message"]')]
              .map(m => [m.dataset.self, m.querySelector('.chat-origin').textContent, m.querySelector('.chat-text').textContent]))
            """)
        XCTAssertEqual(shown, [["false", "Carol Guest", "!help"], ["true", "You", .string(text)]])
        try await shell.screenshot(named: "chat-help")
    }

    func testChatCommandsTakesCommandsFromHostsOnly() async throws {
        let shell = try await openShell()
        // A Guest's /lock is refused in the chat, and nothing is locked.
        try await shell.mock(["chat": ["from": "Carol Guest", "text": "/lock"]])
        let refusal = try await shell.waitForCall("sendChatMessage", plugin: "chat-commands-1.0")
        XCTAssertEqual(refusal["args"], ["Only Hosts can use /lock."])
        let locks = try await shell.page.evaluate("__pexdev.requests.filter(r => r.call === 'lock').length")
        XCTAssertEqual(locks, 0)

        // A Host's /lock locks the meeting: the request, the node's answer, the badge.
        let calls = try await shell.count("calls")
        try await shell.mock(["chat": ["from": "Alice Example", "text": "/lock"]])
        let lock = try await shell.waitForRequest("lock", source: "chat-commands-1.0")
        XCTAssertEqual(lock["status"], 200, "\(lock)")
        let confirmation = try await shell.waitForCall("sendChatMessage", plugin: "chat-commands-1.0", after: calls)
        XCTAssertEqual(confirmation["args"], ["Meeting locked: new participants wait until a Host lets them in."])
        try await shell.page.waitUntil(
            "__pexdev.conferenceDetails().locked === true && !document.querySelector('[data-testid=\"lock-badge\"]').hidden"
        )
    }

    func testChatTypedInThePanelIsSentAndReachesActions() async throws {
        let shell = try await openShell()
        try await listen(shell, for: "SEND_CHAT_MESSAGE")
        let actions = try await shell.count("actions")
        let requests = try await shell.count("requests")
        let calls = try await shell.count("calls")
        try await shell.page.click(selector: "[data-testid=\"tab-chat\"]")
        try await shell.page.click(selector: "[data-testid=\"chat-input\"]")
        try await shell.page.type(text: "Hello from the test")
        try await shell.page.click(selector: "[data-testid=\"chat-send\"]")

        let message = try await shell.waitForRequest("message", source: "shell", after: requests)
        XCTAssertEqual(message["body"], ["type": "text/plain", "payload": "Hello from the test"])
        XCTAssertEqual(message["status"], 200, "\(message)")
        let action = try await shell.waitForAction(Self.send, text: "Hello from the test", after: actions)
        XCTAssertEqual(action["payload"]?["origin"], "Dev")
        let selfUUID = try await shell.page.evaluate("PEX.selfUUID")
        XCTAssertEqual(action["payload"]?["uuid"], selfUUID)
        let heard = try await shell.page.waitForValue(
            "window.__heard.find(a => a.payload.payload === 'Hello from the test')")
        XCTAssertEqual(heard["type"], .string(Self.send), "PEX.actions.SEND_CHAT_MESSAGE is that type")
        let panel = try await shell.page.evaluate(
            """
            ({ input: document.querySelector('[data-testid="chat-input"]').value,
               last: [...document.querySelectorAll('[data-testid="chat-message"]')].map(m => m.textContent).pop() })
            """)
        XCTAssertEqual(panel, ["input": "", "last": "YouHello from the test"])
        // Sent by this tab, so chat-commands (which listens to received messages only) stays silent.
        let answered = try await shell.page.evaluate(
            "__pexdev.calls.slice(\(calls)).filter(c => c.plugin === 'chat-commands-1.0')")
        XCTAssertEqual(answered, [])
        try await shell.screenshot(named: "chat-sent")
    }
}
