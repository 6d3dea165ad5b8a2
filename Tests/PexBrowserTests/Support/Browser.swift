import Foundation

/// A headless Chromium driven over CDP. `newPage()` opens tabs; `close()` (idempotent, also run on deinit)
/// leaves no Chromium process and no profile behind.
final class Browser: @unchecked Sendable {
    let connection: CDPConnection
    private let process: ChromiumProcess
    private let closed = Locked(false)

    private init(process: ChromiumProcess) {
        self.process = process
        connection = CDPConnection(commands: process.commands, messages: process.messages) {
            process.diagnostics
        }
    }

    deinit { close() }

    /// Starts Chromium (by default the one `Chromium.locate()` finds) and waits until it answers over CDP.
    static func launch(executable: URL? = nil, timeout: TimeInterval = CDPConnection.defaultTimeout) async throws
        -> Browser
    {
        let browser = Browser(process: try ChromiumProcess(executable: try executable ?? Chromium.locate()))
        do {
            try await browser.connection.send("Browser.getVersion", timeout: timeout)
        } catch {
            let diagnostics = browser.process.diagnostics
            browser.close()
            throw BrowserFailure("Chromium did not start: \(error)\n\(diagnostics)")
        }
        return browser
    }

    /// A new blank tab with a 1280×800 viewport, attached as a flat session.
    func newPage() async throws -> BrowserPage {
        let created = try await connection.send(
            "Target.createTarget", ["url": "about:blank"])
        guard let targetID = created["targetId"]?.string else {
            throw BrowserFailure("Target.createTarget returned no targetId: \(created)")
        }
        let attached = try await connection.send(
            "Target.attachToTarget", ["targetId": .string(targetID), "flatten": true])
        guard let sessionID = attached["sessionId"]?.string else {
            throw BrowserFailure("Target.attachToTarget returned no sessionId: \(attached)")
        }
        return try await BrowserPage(connection: connection, targetID: targetID, sessionID: sessionID)
    }

    /// Asks Chromium to quit (it then takes its helpers down and flushes the profile), escalates to signals
    /// if it does not, kills any helper left and deletes the profile.
    func close() {
        let first = closed.withLock { closed in
            defer { closed = true }
            return !closed
        }
        guard first else { return }
        process.stop { connection.sendWithoutWaiting("Browser.close") }
    }
}
