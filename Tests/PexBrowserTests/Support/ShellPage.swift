import Foundation
import XCTest

/// The pexdev shell in one tab: opening it and waiting for `pexdev:ready`, reading `window.__pexdev` (the
/// shell's record of plugins, API calls, REST requests, actions and errors), the menus as a user sees them,
/// spies on plugin functions, and the mock conference's control API.
final class ShellPage: Sendable {
    /// The conference the tests join (the mock's standard scenario).
    static let conference = "meet"

    let page: BrowserPage
    let server: PexdevServer

    init(page: BrowserPage, server: PexdevServer) {
        self.page = page
        self.server = server
    }

    // ---- loading -------------------------------------------------------------------------------------------

    /// `/webapp2/?conference=meet&name=Dev` with `query` on top.
    func url(query: [String: String] = [:]) -> URL {
        var components = URLComponents(
            url: server.baseURL.appendingPathComponent("webapp2/"), resolvingAgainstBaseURL: false)
        let items = ["conference": Self.conference, "name": "Dev"].merging(query) { $1 }
        components?.queryItems = items.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        return components?.url ?? server.appURL
    }

    func open(query: [String: String] = [:]) async throws {
        try await page.navigate(to: url(query: query))
    }

    /// Waits for the shell's ready signal; fails at once with the shell's own words if it could not start.
    func waitForReady(timeout: TimeInterval = CDPConnection.defaultTimeout) async throws {
        let outcome = try await page.waitForValue(
            """
            document.documentElement.dataset.pexdevReady === 'true' ? 'ready'
              : window.__pexdev && window.__pexdev.bootError ? 'boot error: ' + window.__pexdev.bootError : null
            """, timeout: timeout)
        guard outcome == "ready" else { throw BrowserFailure("the shell did not start: \(outcome)") }
    }

    /// Milliseconds from navigation start to the `pexdev:ready` performance mark.
    func readyTime() async throws -> Double {
        let time = try await page.evaluate("performance.getEntriesByName('pexdev:ready', 'mark')[0]?.startTime")
        guard let milliseconds = time.number else { throw BrowserFailure("no pexdev:ready performance mark: \(time)") }
        return milliseconds
    }

    /// Puts the mock conference back as the scenario has it. The control API only takes same-origin requests,
    /// so the tab first goes to a page of the server's own.
    func resetConference() async throws {
        try await page.navigate(to: server.baseURL.appendingPathComponent("__pexdev/health"))
        let status = try await page.evaluate(
            "fetch('/__pexdev/mock/conferences/\(Self.conference)/reset', { method: 'POST' }).then(r => r.status)",
            awaitPromise: true)
        guard status == 200 else { throw BrowserFailure("resetting the mock conference answered \(status)") }
    }

    // ---- the mock conference ---------------------------------------------------------------------------------

    /// Runs one action on the mock conference (`{"chat": {"from": …, "text": …}}`, `{"join": {…}}`, …) through
    /// its control API, as a test script or another participant would; fails unless the mock takes it.
    func mock(_ action: JSONValue) async throws {
        let reply = try await page.evaluate(
            """
            fetch('/__pexdev/mock/conferences/\(Self.conference)/events', {
              method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(\(action.jsonText))
            }).then(async r => ({ status: r.status, text: await r.text() }))
            """, awaitPromise: true)
        guard reply["status"] == 200 else { throw BrowserFailure("the mock refused \(action): \(reply)") }
    }

    // ---- window.__pexdev ----------------------------------------------------------------------------------------

    /// `__pexdev.plugins` by id.
    func plugins() async throws -> [String: JSONValue] {
        let list = try await page.evaluate("__pexdev.plugins").array ?? []
        return Dictionary(list.map { ($0["id"]?.string ?? "?", $0) }) { first, _ in first }
    }

    /// Waits until plugin `id` is in `state` and returns its entry.
    @discardableResult
    func waitForPlugin(_ id: String, state: String, timeout: TimeInterval = CDPConnection.defaultTimeout)
        async throws -> JSONValue
    {
        try await page.waitForValue(
            "__pexdev.plugins.find(p => p.id === \(jsString(id)) && p.state === \(jsString(state)))", timeout: timeout)
    }

    /// How many entries `__pexdev.<list>` holds now: note it before a click to look only at what follows.
    func count(_ list: String) async throws -> Int {
        try await page.evaluate("__pexdev.\(list).length").int ?? 0
    }

    /// The first `__pexdev.requests` entry from index `after` on whose call is `call` (and source `source`),
    /// once it has its answer.
    func waitForRequest(_ call: String, source: String? = nil, after index: Int = 0) async throws -> JSONValue {
        let sourceTest = source.map { " && r.source === \(jsString($0))" } ?? ""
        return try await page.waitForValue(
            "__pexdev.requests.slice(\(index)).find(r => r.call === \(jsString(call))\(sourceTest))")
    }

    /// The first `__pexdev.calls` entry (a PEX.pluginAPI call) from index `after` on for `method` by `plugin`.
    func waitForCall(_ method: String, plugin: String, after index: Int = 0) async throws -> JSONValue {
        try await page.waitForValue(
            "__pexdev.calls.slice(\(index)).find(c => c.method === \(jsString(method)) && c.plugin === \(jsString(plugin)))"
        )
    }

    /// The first `__pexdev.actions` entry (an action put on PEX.actions$) from index `after` on of `type` whose
    /// payload's text is `text`.
    func waitForAction(_ type: String, text: String, after index: Int = 0) async throws -> JSONValue {
        try await page.waitForValue(
            """
            __pexdev.actions.slice(\(index)).find(a =>
              a.type === \(jsString(type)) && a.payload && a.payload.payload === \(jsString(text)))
            """)
    }

    /// The participant (as plugins see it) whose display name is `name`.
    func participant(named name: String) async throws -> JSONValue {
        try await page.waitForValue("__pexdev.participants().find(p => p.name === \(jsString(name)))")
    }

    // ---- spies ---------------------------------------------------------------------------------------------------

    /// Wraps every function plugin `id` passed to registerPlugin (load, unload, menu actions) so each call is
    /// recorded with its arguments in `window.__spied` before it runs. The shell looks functions up when it
    /// calls them, so this sees exactly what the shell passes.
    func spy(on id: String) async throws {
        let wrapped = try await page.evaluate(
            """
            (() => {
              const record = __pexdev.internals.service.byId(\(jsString(id)));
              if (!record || !record.registration) return 0;
              const registration = record.registration;
              window.__spied = window.__spied || [];
              // Observables (participants$, …) are named, not serialised.
              const plain = (value) => {
                if (value && typeof value.subscribe === 'function') return '[observable]';
                try { return JSON.parse(JSON.stringify(value ?? null)); } catch { return `[${typeof value}]`; }
              };
              let count = 0;
              for (const [name, fn] of Object.entries(registration)) {
                if (typeof fn !== 'function') continue;
                registration[name] = function (...args) {
                  window.__spied.push({ plugin: \(jsString(id)), function: name, args: args.map(plain) });
                  return fn.apply(this, args);
                };
                count += 1;
              }
              return count;
            })()
            """)
        guard (wrapped.int ?? 0) > 0 else { throw BrowserFailure("\(id) has no registered functions to spy on") }
    }

    /// How many spied calls were recorded so far.
    func spiedCount() async throws -> Int {
        try await page.evaluate("(window.__spied || []).length").int ?? 0
    }

    /// The first recorded call of `function` of plugin `id` from index `after` on: `{plugin, function, args}`.
    func waitForSpiedCall(_ function: String, of id: String, after index: Int = 0) async throws -> JSONValue {
        try await page.waitForValue(
            """
            (window.__spied || []).slice(\(index)).find(c => c.plugin === \(jsString(id)) && c.function === \(jsString(function)))
            """)
    }

    // ---- what is on screen --------------------------------------------------------------------------------------

    /// The plugin toolbar buttons: `{plugin, index, label, tip, icon, inToolbar}`.
    func toolbarButtons() async throws -> [JSONValue] {
        try await page.evaluate(
            """
            [...document.querySelectorAll('[data-testid="toolbar-plugin-button"]')].map(button => ({
              plugin: button.dataset.pluginId, index: button.dataset.itemIndex, label: button.dataset.label,
              tip: button.querySelector('.toolbar-tip')?.textContent ?? null,
              icon: button.querySelector('svg use')?.getAttribute('href') ?? null,
              inToolbar: Boolean(button.closest('[data-testid="toolbar"]')),
            }))
            """
        ).array ?? []
    }

    /// The items of the open popup menu: `{testid, plugin, builtin, index, uuid, label, icon}`.
    func openMenuItems() async throws -> [JSONValue] {
        try await page.evaluate(
            """
            [...document.querySelectorAll('.popup-menu [role="menuitem"]')].map(item => ({
              testid: item.dataset.testid, plugin: item.dataset.pluginId ?? null, builtin: item.dataset.builtin ?? null,
              index: item.dataset.itemIndex ?? null, uuid: item.dataset.uuid ?? null,
              label: item.querySelector('.popup-item-label').textContent,
              icon: item.querySelector('svg use')?.getAttribute('href') ?? null,
            }))
            """
        ).array ?? []
    }

    /// Opens the conference control menu and returns its items.
    func openConferenceMenu() async throws -> [JSONValue] {
        try await page.click(selector: "[data-testid=\"conference-menu-button\"]")
        try await page.waitUntil("document.querySelector('[data-testid=\"conference-menu\"]')")
        return try await openMenuItems()
    }

    /// Opens the roster menu of the participant `uuid` and returns its items.
    func openParticipantMenu(_ uuid: String) async throws -> [JSONValue] {
        try await page.click(selector: "[data-testid=\"participant-menu-button\"][data-uuid=\"\(uuid)\"]")
        try await page.waitUntil("document.querySelector('[data-testid=\"participant-menu\"][data-uuid=\"\(uuid)\"]')")
        return try await openMenuItems()
    }

    /// Waits until every plugin icon on screen has drawn something (its SVG symbol was fetched and used).
    func waitForIconsDrawn() async throws {
        try await page.waitUntil(
            """
            [...document.querySelectorAll('svg.plugin-icon')].every(svg => {
              const box = svg.querySelector('use').getBBox();
              return box.width > 0 && box.height > 0;
            })
            """)
    }

    /// The visible text of the first element matching `selector`, or null.
    func text(of selector: String) async throws -> String? {
        try await page.evaluate("document.querySelector(\(jsString(selector)))?.textContent ?? null").string
    }

    /// Chooses `value` in the `<select>` with `data-testid` `testid`, as a user picking an option does.
    func choose(_ value: String, in testid: String) async throws {
        try await page.evaluate(
            """
            (() => {
              const select = document.querySelector('[data-testid="\(testid)"]');
              select.value = \(jsString(value));
              select.dispatchEvent(new Event('change', { bubbles: true }));
            })()
            """)
    }

    /// Saves a screenshot under `.build/screenshots/` and says where.
    func screenshot(named name: String) async throws {
        let file = try await page.screenshot(named: name)
        print("screenshot: \(file.path)")
    }
}

/// `text` as a JavaScript string literal.
func jsString(_ text: String) -> String {
    JSONValue.string(text).jsonText
}
