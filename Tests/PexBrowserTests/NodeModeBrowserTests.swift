import Foundation
import PexTestSupport
import XCTest

/// Node mode in a real browser: the shell shows why a node cannot be reached, and `--real-app` runs the node's
/// own app with the local branding and reloads it when the branding changes (issue 8). The "node" is a
/// scripted loopback server playing a tiny Webapp2 and the client API.
final class NodeModeBrowserTests: XCTestCase {
    private var tree: URL!

    override func setUpWithError() throws {
        tree = FileManager.default.temporaryDirectory.appendingPathComponent("pexdev-node-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: PackageRoot.sampleBranding, to: tree)
        addTeardownBlock { [tree] in try? FileManager.default.removeItem(at: tree!) }
    }

    /// A page that boots like Webapp2: reads the branding pexdev serves, joins through the proxy.
    private static let fakeApp = """
        <!doctype html><html><head><title>Node's Webapp2</title></head><body><p id="state">booting</p><script>
        (async () => {
          const get = (path) => fetch(path, { cache: 'no-store' }).then((r) => r.json());
          const manifest = await get('/webapp2/custom_configuration/manifest.json');
          const settings = await get('/webapp2/custom_configuration/settings.json');
          const join = await fetch('/api/client/v2/conferences/meet/request_token', {
            method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"display_name":"Real"}' });
          window.fakeApp = { brandingID: manifest.brandingID, plugins: settings.plugins.map((p) => p.id),
            join: join.status, token: (await join.json()).result.token };
          document.getElementById('state').textContent = 'ready';
        })();
        </script></body></html>
        """

    private func node() throws -> ScriptedServer {
        try ScriptedServer { peer in
            while let (head, _) = peer.readRequest() {
                let path = head.split(separator: " ").dropFirst().first.map(String.init) ?? ""
                let (type, body): (String, String)
                if path.hasPrefix("/api/client/v2/conferences/meet/request_token") {
                    (type, body) = ("application/json", #"{"status":"success","result":{"token":"node-token"}}"#)
                } else if path.hasPrefix("/webapp2/") {
                    (type, body) = ("text/html; charset=utf-8", Self.fakeApp)
                } else {
                    (type, body) = ("text/plain", "not here")
                }
                let status = type == "text/plain" ? "404 Not Found" : "200 OK"
                guard
                    peer.write(
                        "HTTP/1.1 \(status)\r\nContent-Type: \(type)\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
                    )
                else { return }
            }
        }
    }

    func testTheRealAppRunsWithTheLocalBrandingAndReloadsOnChange() async throws {
        let upstream = try node()
        defer { upstream.stop() }
        let browser = try await launchBrowser()
        let server = try await startPexdev(
            serving: tree, arguments: ["--node", "http://127.0.0.1:\(upstream.port)", "--real-app"])
        let page = try await browser.newPage()
        try await page.navigate(to: server.appURL)
        try await page.waitUntil(
            "window.fakeApp && document.getElementById('state').textContent === 'ready' && window.__pexdevNodeApp")
        let joined = try await page.evaluate("fakeApp.join").int
        let token = try await page.evaluate("fakeApp.token").string
        let injected = try await page.evaluate("typeof window.__pexdevNodeApp").string
        XCTAssertEqual(joined, 200)
        XCTAssertEqual(token, "node-token")
        XCTAssertEqual(injected, "object", "pexdev's script ran")
        let plugins = try await page.evaluate("fakeApp.plugins.join(',')").string ?? ""
        XCTAssertTrue(plugins.contains("recorder-1.0"), "the local settings.json: \(plugins)")

        try await page.evaluate("window.__beforeReload = true")
        let source = tree.appendingPathComponent("webapp2/plugins/recorder/recorder.plugin.js")
        let text = try String(contentsOf: source, encoding: .utf8)
        try Data((text + "\n// edited\n").utf8).write(to: source)
        try await page.waitUntil(
            "window.__beforeReload === undefined && window.fakeApp && document.getElementById('state').textContent === 'ready'"
        )
        let injectedAgain = try await page.evaluate("typeof window.__pexdevNodeApp").string
        XCTAssertEqual(injectedAgain, "object")
    }

    func testTheShellJoinsAConferenceThroughTheProxy() async throws {
        // The node is another pexdev: its built-in mock answers the client API like a Conferencing Node.
        let node = try await startPexdev(serving: tree)
        let nodePort = try XCTUnwrap(node.baseURL.port)
        let browser = try await launchBrowser()
        let server = try await startPexdev(serving: tree, arguments: ["--node", "http://127.0.0.1:\(nodePort)"])
        let page = try await browser.newPage()
        try await page.navigate(to: server.appURL)
        do {
            try await page.waitUntil(
                "window.__pexdev && window.__pexdev.ready === true && __pexdev.participants().length >= 5")
        } catch {
            let state =
                try await page.evaluate(
                    "JSON.stringify({ready: window.__pexdev && __pexdev.ready, notes: __pexdev.notes.slice(-8), requests: __pexdev.requests.map(r => [r.call, r.status])})"
                ).string ?? ""
            XCTFail("\(error)\npage: \(state)\nserver: \(server.standardError)")
        }
        print("screenshot: \(try await page.screenshot(named: "node-mode-shell").path)")
    }

    func testTheShellSaysWhyTheNodeCannotBeReached() async throws {
        let closed = try ScriptedServer { _ in }
        let port = closed.port
        closed.stop()
        let browser = try await launchBrowser()
        let server = try await startPexdev(serving: tree, arguments: ["--node", "http://127.0.0.1:\(port)"])
        let page = try await browser.newPage()
        try await page.navigate(to: server.appURL)
        try await page.waitUntil("window.__pexdev && window.__pexdev.ready === true")
        let banner = try await page.waitForValue(
            "document.querySelector('[data-testid=\"banners\"]')?.textContent.includes('pexdev proxy') "
                + "? document.querySelector('[data-testid=\"banners\"]').textContent : null")
        XCTAssertTrue(
            banner.string?.contains(
                "request_token failed (502): pexdev proxy: cannot reach 127.0.0.1:\(port): connection refused")
                ?? false, banner.string ?? "")
    }
}
