import Foundation
import PexHTTP
import PexTestSupport
import XCTest

/// Timeouts, connection limits and request bodies on the bare HTTP server, with small limits so the tests
/// finish quickly (security.md items 6, 9, 12, 23, 24).
final class HTTPServerLimitTests: XCTestCase {
    private var server: HTTPServer!

    override func tearDown() {
        server?.stop(graceMilliseconds: 200)
        server = nil
    }

    private func start(_ adjust: (inout HTTPServerConfiguration) -> Void = { _ in }) throws -> Int {
        var configuration = HTTPServerConfiguration()
        configuration.port = 0
        configuration.threads = 2
        adjust(&configuration)
        let echo = ClosureHandler { request in
            HTTPResponse(body: Array("\(request.method) \(request.body.count) bytes".utf8))
        }
        server = try HTTPServer(configuration: configuration, handler: echo, log: SilentLog())
        try server.start()
        return server.port
    }

    func testIncompleteHeadersGet408AtTheHeaderTimeout() throws {
        let port = try start { $0.headerTimeoutMilliseconds = 300 }
        let client = try RawClient(port: port)
        client.send("GET / HTTP/1.1\r\nHost: local")
        let started = Date()
        let response = try client.readResponse()
        XCTAssertEqual(response.status, 408)
        XCTAssertEqual(response.header("Connection"), "close")
        XCTAssertTrue(client.readsEOF())
        XCTAssertLessThan(Date().timeIntervalSince(started), 2)
    }

    func testSlowDripDoesNotExtendTheHeaderTimeout() throws {
        let port = try start { $0.headerTimeoutMilliseconds = 400 }
        let client = try RawClient(port: port)
        let started = Date()
        // One byte every 100 ms would keep a per-read timer alive forever; the deadline counts from the first byte.
        for byte in Array("GET / HTTP/1.1\r\nX-Slow: aaaaaaaaaaaaa".utf8) {
            client.send([byte])
            usleep(100_000)
            if Date().timeIntervalSince(started) > 1.5 { break }
        }
        XCTAssertEqual(try client.readResponse().status, 408)
        XCTAssertLessThan(Date().timeIntervalSince(started), 2.5)
    }

    func testIdleKeepAliveConnectionIsClosedQuietly() throws {
        let port = try start { $0.idleTimeoutMilliseconds = 300 }
        let client = try RawClient(port: port)
        client.send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
        XCTAssertEqual(try client.readResponse().status, 200)
        XCTAssertTrue(client.readsEOF(), "idle connection should be closed without a response")
    }

    func testConnectionsOverTheLimitGet503() throws {
        let port = try start { $0.maxConnections = 2 }
        let first = try RawClient(port: port)
        let second = try RawClient(port: port)
        first.send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
        second.send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
        XCTAssertEqual(try first.readResponse().status, 200)
        XCTAssertEqual(try second.readResponse().status, 200)
        let third = try RawClient(port: port)
        let refused = try third.readResponse()
        XCTAssertEqual(refused.status, 503)
        XCTAssertEqual(refused.header("Retry-After"), "1")
        XCTAssertTrue(third.readsEOF())
        // The held connections keep working.
        first.send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
        XCTAssertEqual(try first.readResponse().status, 200)
    }

    func testBodiesFixedAndChunkedAndOverTheLimit() throws {
        let port = try start { $0.limits.body = 1000 }
        let client = try RawClient(port: port)
        client.send("POST /x HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n\r\nhello")
        XCTAssertEqual(try client.readResponse().text, "POST 5 bytes")
        client.send(
            "POST /x HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n"
        )
        XCTAssertEqual(try client.readResponse().text, "POST 5 bytes")
        client.send("POST /x HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5000\r\n\r\n")
        let tooLarge = try client.readResponse()
        XCTAssertEqual(tooLarge.status, 413)
        XCTAssertTrue(client.readsEOF())
    }

    func testExpectContinueGets100ThenTheResponse() throws {
        let port = try start()
        let client = try RawClient(port: port)
        client.send("POST /x HTTP/1.1\r\nHost: localhost\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n")
        XCTAssertEqual(try client.readResponse().status, 100)
        client.send("data")
        XCTAssertEqual(try client.readResponse().text, "POST 4 bytes")
        let other = try RawClient(port: port)
        other.send("POST /x HTTP/1.1\r\nHost: localhost\r\nContent-Length: 4\r\nExpect: teapot\r\n\r\n")
        XCTAssertEqual(try other.readResponse().status, 417)
    }

    func testHTTP10ClosesUnlessKeepAliveIsAsked() throws {
        let port = try start()
        let client = try RawClient(port: port)
        client.send("GET / HTTP/1.0\r\n\r\n")
        XCTAssertEqual(try client.readResponse().header("Connection"), "close")
        XCTAssertTrue(client.readsEOF())
        let kept = try RawClient(port: port)
        kept.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        XCTAssertEqual(try kept.readResponse().status, 200)
        kept.send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
        XCTAssertEqual(try kept.readResponse().status, 200)
    }

    func testResponseFromAnotherThreadArrivesInOrder() throws {
        var configuration = HTTPServerConfiguration()
        configuration.port = 0
        server = try HTTPServer(configuration: configuration, handler: DelayedHandler(), log: SilentLog())
        try server.start()
        let client = try RawClient(port: server.port)
        client.send("GET /slow HTTP/1.1\r\nHost: localhost\r\n\r\nGET /fast HTTP/1.1\r\nHost: localhost\r\n\r\n")
        XCTAssertEqual(try client.readResponse().text, "/slow")
        XCTAssertEqual(try client.readResponse().text, "/fast")
    }
}

/// Answers `/slow` from a background queue after a pause, the way a proxied or streamed response would.
struct DelayedHandler: HTTPHandler {
    func handle(_ request: HTTPRequest, responder: HTTPResponder) {
        let body = Array(request.path.utf8)
        if request.path == "/slow" {
            DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) {
                responder.send(HTTPResponse(body: body))
            }
        } else {
            responder.send(HTTPResponse(body: body))
        }
    }
}
