import Foundation
import PexBranding
import PexDevServer
import PexHTTP
import PexTestSupport
import XCTest

/// The CSP headers `serve` sends and `/__pexdev/csp-report` (security.md item 3: same origin, report types
/// only, bounded in size and rate), over real loopback sockets.
final class CSPServeTests: XCTestCase {
    private var fixture: BrandingFixture!
    private var server: DevServer!
    private let log = RecordingLog()

    override func tearDown() {
        server?.stop(graceMilliseconds: 0)
        server = nil
        fixture = nil
    }

    private func start(_ configure: (inout DevServerConfiguration) -> Void = { _ in }) throws {
        fixture = try BrandingFixture()
        try fixture.write(
            "webapp2/plugins/demo/demo.plugin.json",
            #"{"id": "demo-1.0", "srcURL": "demo.plugin.js", "name": "Demo", "allowUnload": true}"#)
        var configuration = DevServerConfiguration(brandingPath: fixture.base.path, port: 0, threads: 1)
        configure(&configuration)
        server = try DevServer(configuration: configuration, log: log)
        try server.start()
    }

    private func request(_ method: String, _ path: String, headers: [String] = [], body: String = "") throws
        -> RawResponse
    {
        let client = try RawClient(port: server.port)
        let extra = headers.map { "\($0)\r\n" }.joined()
        client.send(
            "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\n\(extra)Content-Length: \(body.utf8.count)\r\n\r\n\(body)"
        )
        return try client.readResponse()
    }

    private func report(line: Int = 42, blocked: String = "https://api.weather.example/v1") -> String {
        """
        {"csp-report": {"document-uri": "http://127.0.0.1/webapp2/", "effective-directive": "connect-src",
         "original-policy": "\(ContentSecurityPolicy.nodeDefault.reportingToPexdev.headerValue)",
         "disposition": "enforce", "blocked-uri": "\(blocked)",
         "source-file": "http://127.0.0.1/webapp2/custom_configuration/plugins/demo/demo.plugin.js?pexdev-reload=1",
         "line-number": \(line), "column-number": 9}}
        """
    }

    func testShellAndBrandingFilesCarryThePolicies() throws {
        try start { $0.csp.proxy = ContentSecurityPolicy(parsing: "connect-src 'self'") }
        for path in [
            "/webapp2/", "/webapp2/main.js", "/webapp2/custom_configuration/settings.json",
            "/webapp2/custom_configuration/missing.json",
        ] {
            let response = try request("GET", path)
            let policies = response.headers.filter { $0.0.lowercased() == "content-security-policy" }.map(\.1)
            XCTAssertEqual(policies.count, 2, path)
            XCTAssertEqual(
                policies.first,
                ContentSecurityPolicy.nodeDefault.headerValue
                    + "; report-uri /__pexdev/csp-report; report-to pexdev-csp", path)
            XCTAssertEqual(
                policies.last, "connect-src 'self'; report-uri /__pexdev/csp-report; report-to pexdev-csp", path)
            XCTAssertEqual(response.header("Reporting-Endpoints"), "pexdev-csp=\"/__pexdev/csp-report\"", path)
        }
        XCTAssertNil(try request("GET", "/__pexdev/health").header("Content-Security-Policy"))
    }

    func testReportOnlyAndOff() throws {
        try start { $0.csp.reportOnly = true }
        let response = try request("GET", "/webapp2/")
        XCTAssertNil(response.header("Content-Security-Policy"))
        XCTAssertNotNil(response.header("Content-Security-Policy-Report-Only"))
        server.stop(graceMilliseconds: 0)
        try start { $0.csp = .off }
        let off = try request("GET", "/webapp2/")
        XCTAssertNil(off.header("Content-Security-Policy"))
        XCTAssertNil(off.header("Reporting-Endpoints"))
    }

    func testAReportIsExplainedPrintedSentToShellsAndCounted() throws {
        try start()
        let events = try EventStreamClient(port: server.port, target: "/__pexdev/events")
        _ = try events.next()
        let response = try request(
            "POST", "/__pexdev/csp-report", headers: ["Content-Type: application/csp-report"], body: report())
        XCTAssertEqual(response.status, 200)
        let answer = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
        XCTAssertEqual((answer["violations"] as? [[String: Any]])?.first?["plugin"] as? String, "demo-1.0")
        let line =
            "csp: plugin \"demo-1.0\" (plugins/demo/demo.plugin.js:42:9) blocked connect-src "
            + "https://api.weather.example/v1 — allow it with: connect-src 'self' https://api.weather.example"
        XCTAssertEqual(log.messages.filter { $0.hasPrefix("csp:") }, [line])
        let event = try events.read { $0.event == "csp" }.last
        let payload = try XCTUnwrap(event?.json as? [String: Any])
        XCTAssertEqual(payload["plugin"] as? String, "demo-1.0")
        XCTAssertEqual(payload["line"] as? Int, 42)
        XCTAssertEqual(payload["message"] as? String, line)

        // The same violation again (the browser's own report after the shell's): counted, not printed.
        _ = try request(
            "POST", "/__pexdev/csp-report", headers: ["Content-Type: application/reports+json"],
            body: """
                [{"type": "csp-violation", "url": "http://127.0.0.1/webapp2/", "body": {
                  "blockedURL": "https://api.weather.example/v1", "effectiveDirective": "connect-src",
                  "disposition": "enforce", "originalPolicy": "\(ContentSecurityPolicy.nodeDefault.reportingToPexdev.headerValue)",
                  "sourceFile": "http://127.0.0.1/webapp2/custom_configuration/plugins/demo/demo.plugin.js",
                  "lineNumber": 42, "columnNumber": 9}}]
                """)
        XCTAssertEqual(log.messages.filter { $0.hasPrefix("csp:") }.count, 1)

        let diagnostics = try request("GET", "/__pexdev/diagnostics")
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(diagnostics.body)) as? [String: Any])
        XCTAssertNotNil(json["diagnostics"])
        XCTAssertNotNil(json["model"])
        let csp = try XCTUnwrap(json["csp"] as? [String: Any])
        XCTAssertEqual(csp["mode"] as? String, "enforce")
        XCTAssertEqual(csp["violations"] as? Int, 1)
        XCTAssertEqual(csp["repeats"] as? Int, 1)
    }

    func testHostileReportsAreRefused() throws {
        try start()
        let type = "Content-Type: application/csp-report"
        XCTAssertEqual(try request("GET", "/__pexdev/csp-report").status, 405)
        XCTAssertEqual(
            try request("POST", "/__pexdev/csp-report", headers: ["Content-Type: text/plain"], body: report()).status,
            415)
        XCTAssertEqual(
            try request("POST", "/__pexdev/csp-report", headers: ["Content-Type: application/json"], body: report())
                .status, 415)
        XCTAssertEqual(
            try request(
                "POST", "/__pexdev/csp-report", headers: [type, "Origin: https://evil.example"], body: report()
            ).status,
            403)
        XCTAssertEqual(
            try request("POST", "/__pexdev/csp-report", headers: [type, "Sec-Fetch-Site: cross-site"], body: report())
                .status,
            403)
        let big = String(repeating: " ", count: 70 * 1024) + report()
        XCTAssertEqual(try request("POST", "/__pexdev/csp-report", headers: [type], body: big).status, 413)
        XCTAssertEqual(try request("POST", "/__pexdev/csp-report", headers: [type], body: "not json").status, 200)
        XCTAssertTrue(log.messages.filter { $0.hasPrefix("csp:") }.isEmpty, "\(log.messages)")

        // A page in a loop: distinct violations beyond the rate limit get 429 and one warning.
        var statuses: [Int] = []
        for line in 0..<110 {
            statuses.append(
                try request("POST", "/__pexdev/csp-report", headers: [type], body: report(line: line)).status)
        }
        XCTAssertEqual(statuses.filter { $0 == 200 }.count, 99)
        XCTAssertEqual(statuses.filter { $0 == 429 }.count, 11)
        XCTAssertEqual(log.messages.filter { $0.contains("dropping the rest") }.count, 1)
        let diagnostics = try request("GET", "/__pexdev/diagnostics")
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(diagnostics.body)) as? [String: Any])
        let csp = try XCTUnwrap(json["csp"] as? [String: Any])
        XCTAssertEqual(csp["violations"] as? Int, 99)
        XCTAssertEqual(csp["rejected"] as? Int, 6 + 11)
    }

    func testReportsMarkupAsText() throws {
        try start()
        let events = try EventStreamClient(port: server.port, target: "/__pexdev/events")
        _ = try events.next()
        _ = try request(
            "POST", "/__pexdev/csp-report", headers: ["Content-Type: application/csp-report"],
            body: report(blocked: "https://x.example/<img src=x onerror=alert(1)>"))
        let event = try events.read { $0.event == "csp" }.last
        // JSON carries it as data; the shell renders it with textContent (browser test).
        XCTAssertTrue(event?.data.contains("<img src=x onerror=alert(1)>") ?? false)
    }
}

/// Keeps every message, for assertions on the terminal lines.
final class RecordingLog: LogSink, @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func log(_ level: LogLevel, _ message: String) { lock.withLock { lines.append(message) } }
    var messages: [String] { lock.withLock { lines } }
}
