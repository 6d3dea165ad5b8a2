import Foundation
import PexDevServer
import PexHTTP
import PexProxy
import PexTestSupport
import XCTest

/// security.md item 38 and issue 8's failures: a node that is down, slow, silent or talking nonsense gets a
/// 502/504 with a JSON body and one plain line (shown by the shell), never a hang and never a retry storm.
final class ProxyFailureTests: XCTestCase {
    private func failure(_ response: RawResponse) throws -> (result: String, kind: String) {
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
        XCTAssertEqual(object["status"] as? String, "failed")
        let detail = try XCTUnwrap(object["pexdev"] as? [String: Any])
        return (try XCTUnwrap(object["result"] as? String), try XCTUnwrap(detail["error"] as? String))
    }

    func testRefusedConnectionSaysSo() throws {
        // A port that was just free: nothing listens there.
        let closed = try ScriptedServer { _ in }
        let port = closed.port
        closed.stop()
        let harness = try ProxyHarness(node: "http://127.0.0.1:\(port)")
        let response = try harness.request("GET", "/api/client/v2/conferences/meet/conference_status")
        XCTAssertEqual(response.status, 502)
        XCTAssertEqual(response.header("Content-Type"), "application/json; charset=utf-8")
        let (result, kind) = try failure(response)
        XCTAssertEqual(result, "pexdev proxy: cannot reach 127.0.0.1:\(port): connection refused")
        XCTAssertEqual(kind, "unreachable")
        XCTAssertTrue(
            harness.log.messages.contains { $0.contains("cannot reach 127.0.0.1:\(port): connection refused") })
    }

    func testUnresolvableNameSaysSo() throws {
        let harness = try ProxyHarness(node: "https://pexdev-no-such-node.invalid")
        let response = try harness.request("GET", "/api/client/v2/conferences/meet/conference_status")
        XCTAssertEqual(response.status, 502)
        XCTAssertEqual(
            try failure(response).result,
            "pexdev proxy: cannot resolve pexdev-no-such-node.invalid: no such host (check the --node name)")
    }

    func testASilentNodeTimesOutWith504() throws {
        let upstream = try ScriptedServer { peer in
            _ = peer.readRequest()
            _ = peer.waitForClose(timeoutSeconds: 10)
        }
        defer { upstream.stop() }
        let harness = try ProxyHarness(node: "http://127.0.0.1:\(upstream.port)") {
            $0.responseTimeoutMilliseconds = 300
        }
        let response = try harness.request("GET", "/api/client/v2/conferences/meet/conference_status")
        XCTAssertEqual(response.status, 504)
        let (result, kind) = try failure(response)
        XCTAssertEqual(result, "pexdev proxy: 127.0.0.1:\(upstream.port) sent no response within 300 ms")
        XCTAssertEqual(kind, "timeout")
    }

    func testGarbageAndBrokenAnswersAreBadGateways() throws {
        let cases: [(answer: String, message: String)] = [
            ("SSH-2.0-OpenSSH_9.2\r\n\r\n", "the node's answer is not HTTP (it began \"SSH-2.0-OpenSSH_9.2.\")"),
            (
                "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort",
                "the node closed the connection in the middle of the response body"
            ),
            ("HTTP/1.1 200 OK\r\nContent-Length: 5, 6\r\n\r\nhello", "the node sent an invalid Content-Length"),
            (
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
                "the node's chunked body is broken: a chunk size is not hexadecimal"
            ),
            (
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n",
                "the node used transfer coding 'gzip', which pexdev does not decode"
            ),
            ("HTTP/1.1 200 OK\r\nBad Header: x\r\n\r\n", "the node sent a malformed header line"),
            ("", "127.0.0.1:PORT closed the connection without answering"),
            (
                "HTTP/1.1 200 OK\r\nContent-",
                "127.0.0.1:PORT closed the connection in the middle of the response headers"
            ),
        ]
        for (answer, message) in cases {
            let upstream = try ScriptedServer { peer in
                guard peer.readRequest() != nil else { return }
                peer.write(answer)
            }
            defer { upstream.stop() }
            let harness = try ProxyHarness(node: "http://127.0.0.1:\(upstream.port)")
            let response = try harness.request("GET", "/api/client/v2/conferences/meet/conference_status")
            XCTAssertEqual(response.status, 502, answer)
            let expected = message.replacingOccurrences(of: "PORT", with: String(upstream.port))
            XCTAssertEqual(try failure(response).result, "pexdev proxy: " + expected)
        }
    }

    func testAnEventStreamThatGoesSilentIsEndedWithTheReason() throws {
        let upstream = try ScriptedServer { peer in
            guard peer.readRequest() != nil else { return }
            peer.write(
                "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\nevent: participant_sync_begin\ndata: {}\n\n")
            _ = peer.waitForClose(timeoutSeconds: 10)
        }
        defer { upstream.stop() }
        let harness = try ProxyHarness(node: "http://127.0.0.1:\(upstream.port)") {
            $0.streamIdleTimeoutMilliseconds = 300
        }
        let stream = try EventStreamClient(port: harness.port, target: "/api/client/v2/conferences/meet/events?token=x")
        XCTAssertEqual(try stream.next().event, "participant_sync_begin")
        let end = try stream.next()
        XCTAssertEqual(end.event, "pexdev_proxy")
        XCTAssertTrue(end.data.contains("\"error\":\"timeout\""), end.data)
        XCTAssertTrue(end.data.contains("sent no event for 0 s"), end.data)
        XCTAssertTrue(stream.readsEnd(), "the browser's EventSource reconnects after the end")
    }

    func testANodeThatDropsTheEventStreamIsReportedToTheBrowser() throws {
        let upstream = try ScriptedServer { peer in
            guard peer.readRequest() != nil else { return }
            peer.write(
                "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Length: 1000\r\n\r\nevent: a\ndata: 1\n\nevent: b\nda"
            )
        }
        defer { upstream.stop() }
        let harness = try ProxyHarness(node: "http://127.0.0.1:\(upstream.port)")
        let stream = try EventStreamClient(port: harness.port, target: "/api/client/v2/conferences/meet/events?token=x")
        XCTAssertEqual(try stream.next().event, "a")
        // The half-sent event "b" is cut off by a blank line, so the browser never sees it as a real event.
        let events = try stream.read { $0.event == "pexdev_proxy" }
        XCTAssertFalse(events.contains { $0.event == "b" && $0.data == "1" })
        XCTAssertTrue(events.last?.data.contains("in the middle of the response body") ?? false)
        XCTAssertTrue(stream.readsEnd())
    }

    func testTooManyRequestsInFlightGet503() throws {
        let release = DispatchSemaphore(value: 0)
        let upstream = try ScriptedServer { peer in
            guard peer.readRequest() != nil else { return }
            _ = release.wait(timeout: .now() + 5)
            peer.write(httpResponse("200 OK", body: "late"))
        }
        defer { upstream.stop() }
        let harness = try ProxyHarness(node: "http://127.0.0.1:\(upstream.port)") { $0.maxInFlight = 1 }
        let first = try harness.client()
        first.send("GET /api/client/v2/slow HTTP/1.1\r\nHost: localhost\r\n\r\n")
        XCTAssertTrue(ProxyHarness.eventually { harness.server.proxy?.activeRequests == 1 })
        let second = try harness.request("GET", "/api/client/v2/other")
        XCTAssertEqual(second.status, 503)
        XCTAssertEqual(second.header("Retry-After"), "1")
        release.signal()
        XCTAssertEqual(try first.readResponse().text, "late")
    }

    func testRepeatedFailuresAreLoggedOnceWithACount() throws {
        let closed = try ScriptedServer { _ in }
        let port = closed.port
        closed.stop()
        let harness = try ProxyHarness(node: "http://127.0.0.1:\(port)", accessLog: false)
        for _ in 0..<20 { _ = try harness.request("GET", "/api/client/v2/conferences/meet/conference_status") }
        let lines = harness.log.messages.filter { $0.contains("connection refused") }
        XCTAssertEqual(lines.count, 1, lines.joined(separator: "\n"))
        // Each attempt was made once: no retries behind the browser's back.
        XCTAssertFalse(harness.log.messages.contains { $0.contains("retry") })
    }
}
