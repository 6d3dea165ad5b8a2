import Foundation
import PexDevServer
import PexHTTP
import PexTestSupport
import XCTest

/// security.md items 23–27 in small in-test versions over real loopback sockets (the full-size load runs are
/// a separate tool). Every loop is bounded in count; every wait is bounded by a receive timeout or a deadline.
final class CatalogueConnectionTests: XCTestCase {
    private var fixture: BrandingFixture!
    private var devServer: DevServer!
    private var httpServer: HTTPServer!
    private let log = LevelLog()
    private let branding = "/webapp2/custom_configuration"

    override func tearDown() {
        devServer?.stop(graceMilliseconds: 200)
        devServer = nil
        httpServer?.stop(graceMilliseconds: 200)
        httpServer = nil
        fixture = nil
    }

    private func startDevServer() throws -> Int {
        fixture = try BrandingFixture()
        devServer = try DevServer(
            configuration: DevServerConfiguration(brandingPath: fixture.base.path, port: 0, threads: 2), log: log)
        try devServer.start()
        return devServer.port
    }

    private func startHTTPServer(_ adjust: (inout HTTPServerConfiguration) -> Void) throws -> Int {
        var configuration = HTTPServerConfiguration()
        configuration.port = 0
        configuration.threads = 2
        adjust(&configuration)
        let handler = ClosureHandler { request in HTTPResponse(body: Array("\(request.method) \(request.path)".utf8)) }
        httpServer = try HTTPServer(configuration: configuration, handler: handler, log: log)
        try httpServer.start()
        return httpServer.port
    }

    // 23
    func testSlowlorisConnectionsGet408WhileOthersAreServed() throws {
        let port = try startHTTPServer { $0.headerTimeoutMilliseconds = 500 }
        let drip =
            Array("GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: ".utf8) + Array(repeating: UInt8(ascii: "a"), count: 64)
        let slow = try (0..<20).map { _ in try RawClient(port: port, timeoutSeconds: 5) }
        // One byte per connection every 50 ms for 1.5 s: three header timeouts' worth.
        for round in 0..<30 {
            for client in slow { client.send([drip[round]]) }
            if round == 5 {
                let other = try RawClient(port: port)
                other.send("GET /other HTTP/1.1\r\nHost: localhost\r\n\r\n")
                let response = try other.readResponse()
                XCTAssertEqual(response.status, 200, "a normal client is served while the slow ones drip")
                XCTAssertEqual(response.text, "GET /other")
            }
            usleep(50_000)
        }
        for (index, client) in slow.enumerated() {
            XCTAssertEqual(try client.readResponse().status, 408, "slow connection \(index)")
            XCTAssertTrue(client.readsEOF(), "slow connection \(index) was left open")
        }
        XCTAssertFalse(log.lines(atLeast: .error).contains { !$0.contains("408") }, "\(log.lines(atLeast: .error))")
    }

    // 24
    func testIdleKeepAliveConnectionsAreHeldThenRefused() throws {
        let limit = 40
        let port = try startHTTPServer { $0.maxConnections = limit }
        var held: [RawClient] = []
        for index in 0..<limit {
            let client = try RawClient(port: port)
            client.send("GET /held/\(index) HTTP/1.1\r\nHost: localhost\r\n\r\n")
            XCTAssertEqual(try client.readResponse().status, 200, "held connection \(index)")
            held.append(client)
        }
        for index in 0..<10 {
            let extra = try RawClient(port: port)
            let refused = try extra.readResponse()
            XCTAssertEqual(refused.status, 503, "connection \(limit + index) over the limit")
            XCTAssertNotNil(refused.header("Retry-After"))
            XCTAssertTrue(extra.readsEOF(), "a refused connection is closed")
        }
        // The idle ones were kept, and still work.
        for (index, client) in held.enumerated() {
            client.send("GET /again/\(index) HTTP/1.1\r\nHost: localhost\r\n\r\n")
            XCTAssertEqual(try client.readResponse().text, "GET /again/\(index)")
        }
        // Freeing some makes room again.
        held.removeLast(10)
        var status = 0
        let deadline = Date().addingTimeInterval(5)
        for _ in 0..<100 where status != 200 && Date() < deadline {
            let client = try RawClient(port: port)
            client.send("GET /after HTTP/1.1\r\nHost: localhost\r\n\r\n")
            status = try client.readResponse().status
            if status != 200 { usleep(20_000) }
        }
        XCTAssertEqual(status, 200, "closing held connections frees room for new ones")
    }

    // 25 (mid-proxy is the proxy's own test)
    func testDisconnectsMidResponseAndMidStreamFreeDescriptors() throws {
        let port = try startDevServer()
        // Warm up what the server keeps on purpose (the file cache's descriptor, the event hub).
        let warm = try RawClient(port: port)
        warm.send("GET \(branding)/big.bin HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        XCTAssertEqual(try warm.readResponse().body.count, 3 << 20)
        _ = try EventStreamClient(port: port, target: "/__pexdev/events").next()
        let token = try joinMock(port: port)
        let mockEvents = "/api/client/v2/conferences/meet/events?token=\(token)"
        _ = try EventStreamClient(port: port, target: mockEvents).next()
        let baseline = try waitForDescriptors(atMost: Int.max, deadlineSeconds: 0).count
        do {
            var clients: [RawClient] = []
            var streams: [EventStreamClient] = []
            for _ in 0..<10 {
                // A 3 MiB file does not fit the socket buffers: the server is mid-sendfile when the client goes.
                let client = try RawClient(port: port)
                client.send("GET \(branding)/big.bin HTTP/1.1\r\nHost: localhost\r\n\r\n")
                var first = [UInt8](repeating: 0, count: 4096)
                let n = first.withUnsafeMutableBytes { recv(client.fd, $0.baseAddress, $0.count, 0) }
                XCTAssertGreaterThan(n, 0, "the big response started")
                clients.append(client)
                let stream = try EventStreamClient(port: port, target: "/__pexdev/events")
                XCTAssertEqual(try stream.next().event, "hello")
                streams.append(stream)
                // The mock node's stream too, as a client of `serve`'s built-in node sees it.
                let mock = try EventStreamClient(port: port, target: mockEvents)
                XCTAssertEqual(try mock.next().event, "participant_sync_begin")
                streams.append(mock)
            }
            XCTAssertGreaterThan(try descriptorCount(), baseline + 30, "30 server-side connections are open")
            clients.removeAll()
            streams.removeAll()
        }
        let (count, listing) = try waitForDescriptors(atMost: baseline, deadlineSeconds: 10)
        XCTAssertLessThanOrEqual(count, baseline, "descriptors still open after the clients left:\n\(listing)")
        // And the server still serves.
        let after = try RawClient(port: port)
        after.send("GET /__pexdev/health HTTP/1.1\r\nHost: localhost\r\n\r\n")
        XCTAssertEqual(try after.readResponse().status, 200)
    }

    // 26
    func testTenThousandRequestBurstIsAllAnswered() throws {
        let port = try startDevServer()
        let before = log.lines(atLeast: .warning).count
        let connections = 4
        let perConnection = 2_500
        let batch = 50
        let results = Tally()
        let targets = ["/__pexdev/health", "\(branding)/manifest.json", "\(branding)/settings.json", "/nowhere"]
        let expected = [200, 200, 200, 404]
        DispatchQueue.concurrentPerform(iterations: connections) { connection in
            do {
                let client = try RawClient(port: port, timeoutSeconds: 10)
                for start in stride(from: 0, to: perConnection, by: batch) {
                    let indices = start..<min(start + batch, perConnection)
                    client.send(
                        indices.map { "GET \(targets[$0 % targets.count]) HTTP/1.1\r\nHost: localhost\r\n\r\n" }
                            .joined())
                    for index in indices {
                        let response = try client.readResponse()
                        results.add(response.status == expected[index % targets.count])
                    }
                }
            } catch {
                results.fail("connection \(connection): \(error)")
            }
        }
        XCTAssertEqual(results.failures, [])
        XCTAssertEqual(results.right, connections * perConnection, "every request answered with its own status")
        XCTAssertEqual(results.wrong, 0)
        XCTAssertEqual(Array(log.lines(atLeast: .warning).dropFirst(before)), [], "no warnings or errors logged")
    }

    // 27
    func testEveryEventStreamClientGetsEveryReload() throws {
        let port = try startDevServer()
        let clients = try (0..<20).map { _ in try EventStreamClient(port: port, target: "/__pexdev/events") }
        for client in clients {
            XCTAssertEqual(client.status, 200)
            XCTAssertEqual(try client.next().event, "hello")
        }
        var seen: [String] = []
        for round in 0..<3 {
            try fixture.write("webapp2/plugins/demo/demo.plugin.js", "(function () { /* round \(round) */ })();\n")
            var ids: Set<String> = []
            for (index, client) in clients.enumerated() {
                let events = try client.read { $0.event == "reload" }
                let reload = try XCTUnwrap(events.last, "client \(index), round \(round)")
                XCTAssertTrue(reload.data.contains("plugins/demo/demo.plugin.js"), reload.data)
                ids.insert(reload.id ?? "")
            }
            XCTAssertEqual(ids.count, 1, "round \(round): every client got the same reload event, got ids \(ids)")
            seen.append(contentsOf: ids)
        }
        XCTAssertEqual(Set(seen).count, 3, "three saves, three distinct reload events: \(seen)")
    }

    /// Joins the built-in mock's `meet` and returns the token.
    private func joinMock(port: Int) throws -> String {
        let body = #"{"display_name": "Dev"}"#
        let client = try RawClient(port: port)
        client.send(
            "POST /api/client/v2/conferences/meet/request_token HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
        let response = try client.readResponse()
        let json = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        return try XCTUnwrap((json?["result"] as? [String: Any])?["token"] as? String, response.text)
    }

    // MARK: descriptors

    private func descriptorCount() throws -> Int {
        try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count
    }

    /// Polls /proc/self/fd until at most `limit` are open or the deadline passes; returns the last count and,
    /// for the failure message, what the descriptors are.
    private func waitForDescriptors(atMost limit: Int, deadlineSeconds: Double) throws -> (count: Int, listing: String)
    {
        guard FileManager.default.fileExists(atPath: "/proc/self/fd") else {
            throw XCTSkip("no /proc/self/fd on this system")
        }
        let deadline = Date().addingTimeInterval(deadlineSeconds)
        var count = try descriptorCount()
        for _ in 0..<1_000 where count > limit && Date() < deadline {
            usleep(10_000)
            count = try descriptorCount()
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        let listing = names.compactMap { name in
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(name)")).map {
                "\(name) → \($0)"
            }
        }.joined(separator: "\n")
        return (count, listing)
    }
}
