import Foundation
import PexDevServer
import PexHTTP
import PexProxy
import PexTestSupport
import XCTest

/// A browser that leaves takes its upstream request with it (security.md item 25, mid-proxy): the node sees
/// its connection closed, the exchange's thread ends, nothing is left open.
final class ProxyCancellationTests: XCTestCase {
    func testLeavingAnEventStreamClosesTheUpstreamStream() throws {
        let closed = DispatchSemaphore(value: 0)
        let upstream = try ScriptedServer { peer in
            guard peer.readRequest() != nil else { return }
            peer.write(
                "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\nevent: participant_sync_begin\ndata: {}\n\n")
            if peer.waitForClose(timeoutSeconds: 10) { closed.signal() }
        }
        defer { upstream.stop() }
        let harness = try ProxyHarness(node: "http://127.0.0.1:\(upstream.port)")
        var stream: EventStreamClient? = try EventStreamClient(
            port: harness.port, target: "/api/client/v2/conferences/meet/events?token=x")
        XCTAssertEqual(try stream?.next().event, "participant_sync_begin")
        XCTAssertEqual(harness.server.proxy?.activeRequests, 1)
        stream = nil  // closes the browser's socket
        XCTAssertEqual(closed.wait(timeout: .now() + 5), .success, "the node's stream was not closed")
        XCTAssertTrue(ProxyHarness.eventually { harness.server.proxy?.activeRequests == 0 })
        XCTAssertTrue(harness.log.messages.contains { $0.contains("(browser left)") })
    }

    func testLeavingWhileTheNodeIsStillThinkingCancelsTheRequest() throws {
        let closed = DispatchSemaphore(value: 0)
        let upstream = try ScriptedServer { peer in
            guard peer.readRequest() != nil else { return }
            if peer.waitForClose(timeoutSeconds: 10) { closed.signal() }
        }
        defer { upstream.stop() }
        let harness = try ProxyHarness(node: "http://127.0.0.1:\(upstream.port)")
        var client: RawClient? = try harness.client()
        client?.send(
            "POST /api/client/v2/conferences/meet/dial HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\n\r\n{}")
        XCTAssertTrue(
            ProxyHarness.eventually { upstream.acceptedCount == 1 && harness.server.proxy?.activeRequests == 1 })
        client = nil
        XCTAssertEqual(closed.wait(timeout: .now() + 5), .success, "the node's request was not cancelled")
        XCTAssertTrue(ProxyHarness.eventually { harness.server.proxy?.activeRequests == 0 })
    }

    func testManyVanishingBrowsersLeaveNoDescriptorsOrThreadsBehind() throws {
        let upstream = try ScriptedServer { peer in
            while let (head, _) = peer.readRequest() {
                if head.contains("/events") {
                    peer.write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\nevent: a\ndata: 1\n\n")
                    _ = peer.waitForClose(timeoutSeconds: 10)
                    return
                }
                if head.contains("/big") {
                    peer.write("HTTP/1.1 200 OK\r\nContent-Length: 8388608\r\n\r\n")
                    let block = [UInt8](repeating: 0x61, count: 65536)
                    for _ in 0..<128 { guard peer.write(block) else { return } }
                    continue
                }
                peer.write(httpResponse("200 OK", body: "small"))
            }
        }
        defer { upstream.stop() }
        let harness = try ProxyHarness(node: "http://127.0.0.1:\(upstream.port)", accessLog: false)
        _ = try harness.request("GET", "/api/client/v2/warm-up")
        let descriptorsBefore = Self.openDescriptors()
        let threadsBefore = Self.threads()
        for round in 0..<20 {
            let client = try harness.client()
            switch round % 3 {
            case 0: client.send("GET /api/client/v2/events?token=x HTTP/1.1\r\nHost: localhost\r\n\r\n")
            case 1: client.send("GET /api/client/v2/big HTTP/1.1\r\nHost: localhost\r\n\r\n")
            default: client.send("GET /api/client/v2/small HTTP/1.1\r\nHost: localhost\r\n\r\n")
            }
            _ = try? client.readResponse(head: true)
        }
        // Every exchange ends, and what it opened is closed: only the pool's idle connections may remain.
        XCTAssertTrue(ProxyHarness.eventually(seconds: 10) { harness.server.proxy?.activeRequests == 0 })
        XCTAssertTrue(
            ProxyHarness.eventually(seconds: 5) { Self.openDescriptors() <= descriptorsBefore + 8 },
            "descriptors: \(descriptorsBefore) before, \(Self.openDescriptors()) after")
        XCTAssertTrue(
            ProxyHarness.eventually(seconds: 5) { Self.threads() <= threadsBefore },
            "threads: \(threadsBefore) before, \(Self.threads()) after")
    }

    static func openDescriptors() -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? 0
    }

    static func threads() -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task").count) ?? 0
    }
}
