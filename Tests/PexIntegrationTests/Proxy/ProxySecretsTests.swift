import Foundation
import PexDevServer
import PexHTTP
import PexProxy
import PexTestSupport
import XCTest

/// Tokens, PINs, Authorization and cookies never reach a log line, whatever happens to the call.
final class ProxySecretsTests: XCTestCase {
    func testSecretsAreRedactedInEveryLine() throws {
        let upstream = try echoUpstream { head, _ in
            if head.contains("/fail") { return "garbage\r\n\r\n" }
            return httpResponse("200 OK", body: "ok")
        }
        defer { upstream.stop() }
        let harness = try ProxyHarness(node: "http://127.0.0.1:\(upstream.port)")
        let secrets = [
            "T0KEN-in-header", "T0KEN-in-query", "P1N-4242", "QmFzaWMgc2VjcmV0", "c00kie-value", "T0KEN-two",
        ]
        let headers =
            "token: T0KEN-in-header\r\npin: P1N-4242\r\nAuthorization: Basic QmFzaWMgc2VjcmV0\r\nCookie: s=c00kie-value\r\n"
        for path in ["ok", "fail"] {
            _ = try harness.request(
                "GET", "/api/client/v2/conferences/meet/\(path)?token=T0KEN-in-query&x=1&Token=T0KEN-two",
                headers: headers)
        }
        // A refused node, too: its failure line names the call.
        let closed = try ScriptedServer { _ in }
        let port = closed.port
        closed.stop()
        let down = try ProxyHarness(node: "http://127.0.0.1:\(port)")
        _ = try down.request("GET", "/api/client/v2/conferences/meet/events?token=T0KEN-in-query", headers: headers)

        let lines = harness.log.messages + down.log.messages
        XCTAssertTrue(lines.contains { $0.contains("meet/ok?token=***&x=1&Token=***") }, lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains { $0.contains("meet/fail") && $0.contains("not HTTP") })
        for secret in secrets {
            for line in lines { XCTAssertFalse(line.contains(secret), "\(secret) logged: \(line)") }
        }
    }

    func testTheServersOwnAccessLineRedactsQueryTokensToo() {
        XCTAssertEqual(
            Redaction.target("/api/client/v2/conferences/meet/events?token=abc"),
            "/api/client/v2/conferences/meet/events?token=***")
        XCTAssertEqual(Redaction.target("/x?a=1&PIN=1234&%74oken=z"), "/x?a=1&PIN=***&%74oken=***")
        XCTAssertEqual(Redaction.target("/x?tokens=1&token"), "/x?tokens=1&token")
        XCTAssertEqual(Redaction.target("/plain"), "/plain")
        XCTAssertEqual(Redaction.headerValue(name: "Authorization", value: "Basic x"), "***")
        XCTAssertEqual(Redaction.headerValue(name: "Accept", value: "*/*"), "*/*")
    }
}
