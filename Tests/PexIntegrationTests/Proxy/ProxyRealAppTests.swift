import Foundation
import PexDevServer
import PexHTTP
import PexProxy
import PexTestSupport
import XCTest

/// `--real-app`: the node's own Webapp2 at /webapp2/, the local branding in place of the node's, and pexdev's
/// reload/CSP client added to the app's pages.
final class ProxyRealAppTests: XCTestCase {
    func testTheNodesAppIsServedWithTheLocalBrandingAndPexdevsClient() throws {
        let seen = NSLock()
        nonisolated(unsafe) var paths: [String] = []
        let upstream = try echoUpstream { head, _ in
            let path = String(head.split(separator: " ")[1])
            seen.withLock { paths.append(path) }
            switch path {
            case "/webapp2/", "/webapp2/conference/meet":
                return httpResponse(
                    "200 OK",
                    headers: [
                        "Content-Type: text/html; charset=utf-8", "ETag: \"node-1\"",
                        "Content-Security-Policy: default-src 'self'",
                    ],
                    body: "<!doctype html><html><HEAD><title>Webapp2</title></HEAD><body>app</body></html>")
            case "/webapp2/main.js":
                return httpResponse(
                    "200 OK", headers: ["Content-Type: text/javascript", "ETag: \"js\""], body: "boot();")
            default:
                return httpResponse("404 Not Found", body: "no")
            }
        }
        defer { upstream.stop() }
        let harness = try ProxyHarness(node: "http://127.0.0.1:\(upstream.port)") { $0.realApp = true }
        XCTAssertTrue(
            harness.server.bannerLines.contains {
                $0.hasPrefix("  real app  http://127.0.0.1:\(upstream.port)/webapp2/")
            })

        let page = try harness.request("GET", "/webapp2/")
        XCTAssertEqual(page.status, 200)
        XCTAssertEqual(
            page.text,
            "<!doctype html><html><HEAD><title>Webapp2</title><script type=\"module\" src=\"/__pexdev/node-app.js\"></script></HEAD>"
                + "<body>app</body></html>")
        XCTAssertNil(page.header("ETag"), "the page changed, so the node's validator no longer applies")
        XCTAssertEqual(page.header("Cache-Control"), "no-store")
        XCTAssertEqual(
            page.header("Content-Security-Policy"), "default-src 'self'", "the node's own policy, not pexdev's")
        XCTAssertEqual(try harness.request("GET", "/webapp2/conference/meet").status, 200)

        let script = try harness.request("GET", "/webapp2/main.js")
        XCTAssertEqual(script.text, "boot();")
        XCTAssertEqual(script.header("ETag"), "\"js\"")

        let manifest = try harness.request("GET", "/webapp2/custom_configuration/manifest.json")
        XCTAssertEqual(manifest.status, 200)
        XCTAssertTrue(manifest.text.contains("1732541234567"), "the local branding, not the node's")
        let client = try harness.request("GET", "/__pexdev/node-app.js")
        XCTAssertEqual(client.status, 200)
        XCTAssertTrue(client.text.contains("EventSource('/__pexdev/events')"))
        XCTAssertTrue(client.text.contains("from './csp-report-body.js'"))
        let helper = try harness.request("GET", "/__pexdev/csp-report-body.js")
        XCTAssertEqual(helper.status, 200)
        XCTAssertTrue(helper.text.contains("export function cspReportBody"))

        let asked = seen.withLock { paths }
        XCTAssertFalse(asked.contains { $0.contains("custom_configuration") }, "\(asked)")
        XCTAssertEqual(asked, ["/webapp2/", "/webapp2/conference/meet", "/webapp2/main.js"])
    }

    func testWithoutRealAppTheShellStaysLocal() throws {
        let upstream = try echoUpstream { _, _ in httpResponse("200 OK", body: "node") }
        defer { upstream.stop() }
        let harness = try ProxyHarness(node: "http://127.0.0.1:\(upstream.port)")
        let page = try harness.request("GET", "/webapp2/")
        XCTAssertTrue(page.text.contains("<base href=\"/webapp2/\">"), "pexdev's shell")
        XCTAssertEqual(try harness.request("GET", "/__pexdev/node-app.js").status, 404)
        XCTAssertEqual(upstream.acceptedCount, 0)
    }
}
