import Foundation
import PexDevServer
import PexHTTP
import PexMock
import PexProxy
import PexTestSupport
import XCTest

/// Node mode forwards the client API untouched: methods, statuses, bodies, headers (minus hop-by-hop), and
/// the event stream as it happens. The mock node from issue 5 is the upstream where a real node's answers matter.
final class ProxyPassThroughTests: XCTestCase {
    func testTheMockNodeAnswersThroughTheProxy() throws {
        var mockConfiguration = MockServer.Configuration()
        mockConfiguration.port = 0
        let mock = try MockServer(configuration: mockConfiguration, log: SilentLog())
        try mock.start()
        defer { mock.stop(graceMilliseconds: 0) }
        let harness = try ProxyHarness(node: "http://127.0.0.1:\(mock.port)")
        XCTAssertTrue(
            harness.server.bannerLines.contains { $0.contains("node") && $0.contains("127.0.0.1:\(mock.port)") })

        let joined = try harness.request(
            "POST", "/api/client/v2/conferences/meet/request_token", headers: "Content-Type: application/json\r\n",
            body: #"{"display_name":"Proxy"}"#)
        XCTAssertEqual(joined.status, 200, joined.text)
        let token = try XCTUnwrap(
            ((try JSONSerialization.jsonObject(with: Data(joined.body)) as? [String: Any])?["result"]
                as? [String: Any])?["token"] as? String)
        XCTAssertEqual(joined.header("Via"), "1.1 pexdev")

        let status = try harness.request(
            "GET", "/api/client/v2/conferences/meet/conference_status", headers: "token: \(token)\r\n")
        XCTAssertEqual(status.status, 200)
        XCTAssertTrue(status.text.contains("\"locked\""))
        // The node's own refusals come through as they are.
        let denied = try harness.request(
            "GET", "/api/client/v2/conferences/meet/conference_status", headers: "token: nope\r\n")
        XCTAssertEqual(denied.status, 403)
        let unknown = try harness.request("POST", "/api/client/v2/conferences/nowhere/request_token", body: "{}")
        XCTAssertEqual(unknown.status, 404)
        // The mock's control endpoints are not part of node mode.
        XCTAssertEqual(try harness.request("GET", "/__pexdev/mock/conferences").status, 404)
    }

    func testAnEventReachesTheBrowserBeforeTheNodeSendsTheNext() throws {
        // The upstream sends an event, then waits until the test saw it before sending the next: a proxy that
        // buffered would deadlock here and the read would time out.
        let seen = DispatchSemaphore(value: 0)
        let sentAt = NSLock()
        nonisolated(unsafe) var times: [UInt64] = []
        let upstream = try ScriptedServer { peer in
            guard peer.readRequest() != nil else { return }
            peer.write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n")
            for index in 0..<20 {
                let event = "id: \(index)\nevent: participant_update\ndata: {\"n\":\(index)}\n\n"
                sentAt.withLock { times.append(DispatchTime.now().uptimeNanoseconds) }
                guard peer.write(String(event.utf8.count, radix: 16) + "\r\n" + event + "\r\n") else { return }
                guard seen.wait(timeout: .now() + 5) == .success else { return }
            }
            peer.write("0\r\n\r\n")
        }
        defer { upstream.stop() }
        let harness = try ProxyHarness(node: "http://127.0.0.1:\(upstream.port)")
        let stream = try EventStreamClient(
            port: harness.port, target: "/api/client/v2/conferences/meet/events?token=t0ken")
        var delays: [Double] = []
        for index in 0..<20 {
            let event = try stream.next()
            let arrived = DispatchTime.now().uptimeNanoseconds
            XCTAssertEqual(event.id, String(index))
            XCTAssertEqual(event.event, "participant_update")
            delays.append(Double(arrived - sentAt.withLock { times[index] }) / 1e6)
            seen.signal()
        }
        XCTAssertTrue(stream.readsEnd(), "the stream ends when the node ends it")
        delays.sort()
        print("proxy event delay over 20 events: median \(delays[10]) ms, max \(delays[19]) ms")
    }

    func testEveryMethodAndStatusPassesThroughWithItsBody() throws {
        let upstream = try echoUpstream { head, body in
            let requestLine = head.split(separator: "\r\n")[0].split(separator: " ")
            let code = requestLine[1].split(separator: "/").last.map(String.init) ?? "200"
            let answer = "\(requestLine[0]) \(body.count)"
            switch code {
            case "204", "304": return "HTTP/1.1 \(code) X\r\nX-Seen: \(answer)\r\n\r\n"
            default: return httpResponse("\(code) Whatever", headers: ["X-Seen: \(answer)"], body: "body of \(code)")
            }
        }
        defer { upstream.stop() }
        let harness = try ProxyHarness(node: "http://127.0.0.1:\(upstream.port)")
        let client = try harness.client()
        for method in ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] {
            for code in ["200", "201", "204", "302", "304", "400", "403", "404", "409", "500", "503"] {
                let body = method == "GET" || method == "OPTIONS" ? "" : "{\"m\":\"\(method)\"}"
                let length = body.isEmpty ? "" : "Content-Length: \(body.utf8.count)\r\n"
                client.send(
                    "\(method) /api/client/v2/status/\(code) HTTP/1.1\r\nHost: localhost\r\n\(length)\r\n\(body)")
                let response = try client.readResponse()
                XCTAssertEqual(response.status, Int(code), "\(method) \(code)")
                XCTAssertEqual(response.header("X-Seen"), "\(method) \(body.utf8.count)", "\(method) \(code)")
                if code != "204" && code != "304" { XCTAssertEqual(response.text, "body of \(code)") }
            }
        }
        // All of that on one kept-alive browser connection, and over few upstream connections (pooled).
        XCTAssertLessThanOrEqual(upstream.acceptedCount, 2)
        let head = try harness.request("HEAD", "/api/client/v2/status/200")
        XCTAssertEqual(head.status, 200)
        XCTAssertEqual(head.header("X-Seen"), "HEAD 0")
    }

    func testHopByHopHeadersStayOnTheirHopAndTheNodeSeesItsOwnHost() throws {
        let received = NSLock()
        nonisolated(unsafe) var lastHead = ""
        let upstream = try echoUpstream { head, _ in
            received.withLock { lastHead = head }
            return httpResponse(
                "200 OK",
                headers: [
                    "Connection: keep-alive, X-Node-Private", "Keep-Alive: timeout=5", "X-Node-Private: 1",
                    "Proxy-Authenticate: Basic", "Upgrade: h2c", "Trailer: X-Checksum", "X-Kept: yes",
                    "Location: https://127.0.0.1:\(0)/ignored",
                    "Set-Cookie: session=abc; Domain=pexip.example.com; Path=/; HttpOnly",
                ], body: "ok")
        }
        defer { upstream.stop() }
        let harness = try ProxyHarness(node: "http://127.0.0.1:\(upstream.port)")
        let response = try harness.request(
            "GET", "/api/client/v2/conferences/meet/conference_status",
            headers:
                "Connection: keep-alive, X-Browser-Private\r\nKeep-Alive: 300\r\nX-Browser-Private: 1\r\nTE: trailers\r\n"
                + "Upgrade: websocket\r\nProxy-Authorization: Basic Zm9v\r\nAccept-Encoding: gzip, br\r\ntoken: abc\r\n"
                + "X-Forwarded-For: 10.0.0.7\r\n")
        XCTAssertEqual(response.status, 200)
        let head = received.withLock { lastHead }.lowercased()
        XCTAssertTrue(head.contains("\r\nhost: 127.0.0.1:\(upstream.port)"), head)
        for name in ["keep-alive:", "x-browser-private:", "te:", "upgrade:", "proxy-authorization:"] {
            XCTAssertFalse(head.contains("\r\n" + name), "\(name) reached the node")
        }
        XCTAssertTrue(head.contains("\r\ntoken: abc"), "the client API's token header must pass")
        XCTAssertTrue(head.contains("\r\naccept-encoding: identity"))
        XCTAssertTrue(head.contains("\r\nx-forwarded-for: 10.0.0.7, 127.0.0.1"), head)
        XCTAssertTrue(head.contains("\r\nx-forwarded-proto: http"))
        XCTAssertTrue(head.contains("\r\nx-forwarded-host: localhost"))
        for name in ["Keep-Alive", "X-Node-Private", "Proxy-Authenticate", "Upgrade", "Trailer"] {
            XCTAssertNil(response.header(name), "\(name) reached the browser")
        }
        XCTAssertEqual(response.header("X-Kept"), "yes")
        XCTAssertEqual(response.header("Set-Cookie"), "session=abc; Path=/; HttpOnly")
    }

    func testANodeThatClosesIdleConnectionsCostsNoFailedCalls() throws {
        // Answers one request per connection and hangs up without saying so (no Connection: close), as a node
        // closing idle keep-alive connections does.
        let upstream = try ScriptedServer { peer in
            guard peer.readRequest() != nil else { return }
            peer.write(httpResponse("200 OK", body: "once"))
        }
        defer { upstream.stop() }
        let harness = try ProxyHarness(node: "http://127.0.0.1:\(upstream.port)")
        for method in ["GET", "POST", "GET", "POST"] {
            usleep(20_000)  // let the hang-up arrive while the connection sits in the pool
            let response = try harness.request(
                method, "/api/client/v2/conferences/meet/x", body: method == "POST" ? "{}" : "")
            XCTAssertEqual(response.status, 200, "\(method): \(response.text)")
        }
        XCTAssertEqual(upstream.acceptedCount, 4)
    }

    func testPathsCannotWalkOutOfTheClientAPI() throws {
        let upstream = try echoUpstream { _, _ in httpResponse("200 OK", body: "reached") }
        defer { upstream.stop() }
        let harness = try ProxyHarness(node: "http://127.0.0.1:\(upstream.port)")
        for target in [
            "/api/client/../../admin/", "/api/client/%2e%2e/%2e%2e/admin", "/api/client/v2/..%2fadmin",
            "/api/client/v2/%2fadmin", "/api/client/v2/a%5cb", "/api/client/v2/%00",
        ] {
            let response = try harness.request("GET", target)
            XCTAssertTrue([400, 404].contains(response.status), "\(target) → \(response.status)")
        }
        XCTAssertEqual(upstream.acceptedCount, 0, "nothing reached the node")
    }
}
