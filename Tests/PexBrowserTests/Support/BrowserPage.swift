import Foundation

/// One tab, driven over a flat CDP session: navigate, evaluate, wait, click, type, screenshot. Console output
/// and uncaught exceptions are collected from the moment the page is opened.
final class BrowserPage: Sendable {
    let targetID: String
    let sessionID: String
    private let connection: CDPConnection
    private let log = PageEventLog()
    private let subscription: Int

    /// Attaches to an open target; use `Browser.newPage()`.
    init(connection: CDPConnection, targetID: String, sessionID: String) async throws {
        self.connection = connection
        self.targetID = targetID
        self.sessionID = sessionID
        let log = self.log
        subscription = connection.subscribe { event in
            if event.sessionID == sessionID { log.record(event) }
        }
        do {
            try await send("Page.enable")
            try await send("Runtime.enable")
            // Lifecycle events carry the loader id, so `navigate` can tell its own load from an earlier one's.
            try await send("Page.setLifecycleEventsEnabled", ["enabled": true])
            // Headless Chromium takes its own window decorations off --window-size, leaving a viewport of about
            // 1280×713; pinning it keeps layouts and screenshots the same on every machine.
            try await send(
                "Emulation.setDeviceMetricsOverride",
                ["width": 1280, "height": 800, "deviceScaleFactor": 1, "mobile": false])
        } catch {
            connection.unsubscribe(subscription)
            throw error
        }
    }

    deinit { connection.unsubscribe(subscription) }

    /// Every `console.*` call so far, oldest first.
    var consoleMessages: [ConsoleMessage] {
        log.events.filter { $0.method == "Runtime.consoleAPICalled" }.map { ConsoleMessage(params: $0.params) }
    }

    /// The first `console.*` message, logged before or after the call, whose text contains `text`.
    @discardableResult
    func waitForConsoleMessage(containing text: String, timeout: TimeInterval = CDPConnection.defaultTimeout)
        async throws -> ConsoleMessage
    {
        let event = try await log.first(within: timeout, waitingFor: "a console message containing \"\(text)\"") {
            $0.method == "Runtime.consoleAPICalled" && ConsoleMessage(params: $0.params).text.contains(text)
        }
        return ConsoleMessage(params: event.params)
    }

    /// Every uncaught exception (and unhandled rejection) so far, oldest first.
    var exceptions: [PageException] {
        log.events.filter { $0.method == "Runtime.exceptionThrown" }
            .map { PageException(details: $0.params["exceptionDetails"] ?? [:]) }
    }

    /// Sends a command to this page's session.
    @discardableResult
    func send(_ method: String, _ params: JSONValue = [:], timeout: TimeInterval = CDPConnection.defaultTimeout)
        async throws -> JSONValue
    {
        try await connection.send(method, params, session: sessionID, timeout: timeout)
    }

    /// Loads `url` and returns once its load event fired; a network error (refused, DNS, …) throws.
    func navigate(to url: URL, timeout: TimeInterval = CDPConnection.defaultTimeout) async throws {
        let result = try await send("Page.navigate", ["url": .string(url.absoluteString)], timeout: timeout)
        if let error = result["errorText"]?.string { throw BrowserFailure("navigating to \(url) failed: \(error)") }
        // A same-document navigation (only the fragment changes) has no loader and fires no load event.
        guard let loader = result["loaderId"]?.string else { return }
        _ = try await log.first(within: timeout, waitingFor: "the load event of \(url)") { event in
            event.method == "Page.lifecycleEvent" && event.params["name"] == "load"
                && event.params["loaderId"]?.string == loader
        }
    }

    /// The value of `javascript` as JSON (`undefined` and functions become `.null`); with `awaitPromise`, what
    /// the promise resolves to. Throws with the exception's text when it throws or the promise rejects.
    @discardableResult
    func evaluate(
        _ javascript: String, awaitPromise: Bool = false, timeout: TimeInterval = CDPConnection.defaultTimeout
    ) async throws -> JSONValue {
        let result = try await send(
            "Runtime.evaluate",
            [
                "expression": .string(javascript), "awaitPromise": .bool(awaitPromise), "returnByValue": true,
                "userGesture": true,
            ],
            timeout: timeout)
        if let details = result["exceptionDetails"] {
            throw BrowserFailure("evaluating `\(javascript)` threw: \(PageException.text(of: details))")
        }
        let remote = result["result"] ?? [:]
        if let value = remote["value"] { return value }
        // NaN, Infinity, -0 and BigInts are not JSON; CDP sends them as text.
        if let special = remote["unserializableValue"]?.string {
            return Double(special).map(JSONValue.number) ?? .string(special)
        }
        return .null
    }

    /// Polls `condition` (a JavaScript expression) until it is truthy; throws, naming the condition and what it
    /// last gave, when `timeout` passes first. A throwing condition counts as "not yet" (the page may be loading).
    func waitUntil(_ condition: String, timeout: TimeInterval = CDPConnection.defaultTimeout) async throws {
        _ = try await poll("!!(\n\(condition)\n)", timeout: timeout, waitingFor: "`\(condition)` to become true") {
            $0 == true ? nil : "it was last false"
        }
    }

    /// Polls `expression` until it gives something other than null, undefined or false, and returns that: for
    /// "the request the click made", found once it is made. Throws like `waitUntil` when `timeout` passes first.
    func waitForValue(_ expression: String, timeout: TimeInterval = CDPConnection.defaultTimeout) async throws
        -> JSONValue
    {
        try await poll("(\n\(expression)\n)", timeout: timeout, waitingFor: "`\(expression)` to give a value") {
            $0 == .null || $0 == false ? "it last gave \($0)" : nil
        }
    }

    /// Evaluates `javascript` until `rejection` has no objection to its value, and returns that value.
    private func poll(
        _ javascript: String, timeout: TimeInterval, waitingFor what: String,
        rejection: (JSONValue) -> String?
    ) async throws -> JSONValue {
        let deadline = Date().addingTimeInterval(timeout)
        var last = "it was never evaluated"
        while true {
            do {
                // A condition that hangs the page must not outlive the deadline by more than a moment.
                let attempt = max(deadline.timeIntervalSinceNow, 0.1)
                let value = try await evaluate(javascript, timeout: attempt)
                guard let objection = rejection(value) else { return value }
                last = objection
            } catch {
                last = "its last evaluation failed: \(error)"
            }
            guard Date() < deadline else { break }
            try await Task.sleep(for: .milliseconds(50))  // poll interval
        }
        throw BrowserFailure.timedOut(after: timeout, waitingFor: "\(what) (\(last))")
    }

    /// A real left click (mouse moved, pressed, released) at the centre of the first element matching
    /// `selector`, after scrolling it into view. Throws if nothing matches, the element has no size, or
    /// something else covers its centre (a real user could not click it either).
    func click(selector: String) async throws {
        let target = try await evaluate(Self.clickTargetScript(selector: selector))
        if let problem = target["problem"]?.string { throw BrowserFailure("cannot click `\(selector)`: \(problem)") }
        guard let x = target["x"]?.number, let y = target["y"]?.number else {
            throw BrowserFailure("cannot click `\(selector)`: no position in \(target)")
        }
        try await send("Input.dispatchMouseEvent", ["type": "mouseMoved", "x": .number(x), "y": .number(y)])
        for type: JSONValue in ["mousePressed", "mouseReleased"] {
            try await send(
                "Input.dispatchMouseEvent",
                [
                    "type": type, "x": .number(x), "y": .number(y), "button": "left",
                    "buttons": type == "mousePressed" ? 1 : 0, "clickCount": 1,
                ])
        }
    }

    /// Types `text` into the focused element as one input (IME-style insertion: no key events).
    func type(text: String) async throws {
        try await send("Input.insertText", ["text": .string(text)])
    }

    /// Saves a PNG of the viewport as `.build/screenshots/<name>.png` under the package root and returns its URL.
    @discardableResult
    func screenshot(named name: String) async throws -> URL {
        let result = try await send("Page.captureScreenshot", ["format": "png"])
        guard let base64 = result["data"]?.string, let png = Data(base64Encoded: base64) else {
            throw BrowserFailure("Page.captureScreenshot returned no PNG data")
        }
        let folder = PackageRoot.screenshots
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let safeName = String(name.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "-" })
        let file = folder.appendingPathComponent("\(safeName).png")
        try png.write(to: file)
        return file
    }

    /// Closes the tab; the browser stays open.
    func close() async throws {
        connection.unsubscribe(subscription)
        try await connection.send("Target.closeTarget", ["targetId": .string(targetID)])
    }

    /// Finds, scrolls to and measures the element in the page, answering `{x, y}` or `{problem}`.
    private static func clickTargetScript(selector: String) -> String {
        """
        (() => {
          let element;
          try { element = document.querySelector(\(JSONValue.string(selector).jsonText)); }
          catch (error) { return { problem: `invalid selector (${error.message})` }; }
          if (!element) return { problem: 'no element matches it' };
          element.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
          const box = element.getBoundingClientRect();
          if (box.width === 0 || box.height === 0) {
            return { problem: `it has zero size (${box.width}×${box.height}): hidden, or not laid out` };
          }
          const x = box.left + box.width / 2, y = box.top + box.height / 2;
          const hit = document.elementFromPoint(x, y);
          if (!hit || !(hit === element || element.contains(hit))) {
            const name = hit ? hit.tagName.toLowerCase() + (hit.id ? '#' + hit.id : '') : 'nothing';
            return { problem: `its centre (${x}, ${y}) is covered by ${name}` };
          }
          return { x, y };
        })()
        """
    }
}
