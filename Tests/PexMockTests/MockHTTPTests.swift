import Foundation
import PexHTTP
import PexMock
import PexTestSupport
import XCTest

/// The mock node over real loopback sockets: what a browser's fetch and EventSource, or curl, see. Every
/// client-API response is checked against the OpenAPI document.
final class MockHTTPTests: XCTestCase {
    private var server: HTTPServer!
    private var service: MockService!
    private var port: Int { server.port }
    private let api = "/api/client/v2/conferences"

    override func setUpWithError() throws {
        service = MockService(node: MockScenario.standard.makeNode(now: SystemMockClock().now()))
        var router = Router()
        router.add(prefix: MockAPIHandler.mount, MockAPIHandler(service: service))
        router.add(prefix: MockControlHandler.mount, MockControlHandler(service: service))
        var configuration = HTTPServerConfiguration()
        configuration.port = 0
        configuration.threads = 2
        server = try HTTPServer(configuration: configuration, handler: router, log: SilentLog())
        try server.start()
    }

    override func tearDown() {
        service?.shutdown()
        server?.stop(graceMilliseconds: 500)
        server = nil
    }

    private func request(
        _ method: String, _ path: String, headers: [String] = [], body: String = "", version: String = "1.1"
    ) throws -> RawResponse {
        let client = try RawClient(port: port)
        let extra = headers.map { "\($0)\r\n" }.joined()
        let length = body.isEmpty && method == "GET" ? "" : "Content-Length: \(body.utf8.count)\r\n"
        client.send("\(method) \(path) HTTP/\(version)\r\nHost: 127.0.0.1\r\n\(extra)\(length)\r\n\(body)")
        let response = try client.readResponse(head: method == "HEAD")
        if path.hasPrefix("/api/client/v2/") {
            OpenAPIValidator.shared.assertConforms(
                method: method, path: path, status: response.status, body: response.body,
                contentType: response.header("Content-Type"))
        }
        return response
    }

    private func json(_ response: RawResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
    }

    private func join(_ name: String = "Dev") throws -> (token: String, uuid: String) {
        let response = try request("POST", "\(api)/meet/request_token", body: "{\"display_name\": \"\(name)\"}")
        let result = json(response)["result"] as? [String: Any]
        guard let token = result?["token"] as? String, let uuid = result?["participant_uuid"] as? String else {
            throw ClientError("request_token failed: \(response.status) \(response.text)")
        }
        return (token, uuid)
    }

    func testSessionAndControlOverHTTP() throws {
        let reply = try request("POST", "\(api)/meet/request_token", body: #"{"display_name": "Dev"}"#)
        XCTAssertEqual(reply.status, 200)
        XCTAssertEqual(reply.header("Content-Type"), "application/json")
        XCTAssertNil(reply.header("Access-Control-Allow-Origin"), "no CORS")
        let (token, _) = try join()
        XCTAssertEqual(
            try request("POST", "\(api)/meet/lock", headers: ["token: \(token)"]).text,
            #"{"status": "success", "result": true}"#)
        let status = try request("GET", "\(api)/meet/conference_status", headers: ["token: \(token)"])
        XCTAssertEqual((json(status)["result"] as? [String: Any])?["locked"] as? Bool, true)
        let encoded = try request("POST", "\(api)/meet%2Ealice/request_token", body: #"{"display_name": "E"}"#)
        XCTAssertEqual(encoded.status, 200, "aliases are percent-decoded")
    }

    func testErrorsHaveTheNodesStatusesAndBodies() throws {
        let (token, _) = try join()
        let cases: [(String, String, [String], String, Int)] = [
            ("POST", "\(api)/nowhere/request_token", [], #"{"display_name": "x"}"#, 404),
            ("POST", "\(api)/meet/lock", [], "", 403),
            ("POST", "\(api)/meet/lock", ["token: nope"], "", 403),
            ("GET", "\(api)/meet/lock", ["token: \(token)"], "", 405),
            ("POST", "\(api)/meet/request_token", [], "{bad", 400),
            ("POST", "\(api)/meet/participants/unknown/mute", ["token: \(token)"], "", 404),
            ("POST", "\(api)/meet/transform_layout", ["token: \(token)"], #"{"transforms": {"layout": "x"}}"#, 400),
            ("GET", "/api/client/v2/elsewhere", [], "", 404),
            ("GET", "\(api)/meet/events", [], "", 403),
            ("POST", "\(api)/meet/events", [], "", 405),
        ]
        for (method, path, headers, body, status) in cases {
            let response = try request(method, path, headers: headers, body: body)
            XCTAssertEqual(response.status, status, "\(method) \(path): \(response.text)")
            XCTAssertNotNil(json(response)["result"] ?? json(response)["status"], "\(path) has a JSON body")
        }
        let invalid = try request("POST", "\(api)/meet/lock", headers: ["token: nope"])
        XCTAssertEqual(invalid.text, #"{"status": "success", "result": "Invalid token"}"#)
    }

    func testHugeBodyIs413AndBadPathIs400() throws {
        let big = String(repeating: "x", count: 2 << 20)
        let client = try RawClient(port: port)
        client.send(
            "POST \(api)/meet/request_token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: \(big.utf8.count)\r\n\r\n")
        XCTAssertEqual(try client.readResponse().status, 413)
        XCTAssertEqual(try request("POST", "\(api)/me%00et/request_token").status, 400)
    }

    func testOpenAPIDocumentIsServed() throws {
        let response = try request("GET", "/api/client/v2/openapi.json")
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(json(response)["openapi"] as? String, "3.0.3")
        XCTAssertEqual(try request("DELETE", "/api/client/v2/openapi.json").status, 405)
    }

    func testEventStreamDeliversSyncThenChanges() throws {
        let (token, _) = try join()
        let stream = try EventStreamClient(port: port, target: "\(api)/meet/events?token=\(token)")
        XCTAssertEqual(stream.status, 200)
        XCTAssertEqual(stream.header("Content-Type"), "text/event-stream; charset=utf-8")
        XCTAssertEqual(stream.header("Transfer-Encoding"), "chunked")
        let sync = try stream.read { $0.event == "layout" }
        XCTAssertEqual(sync.first?.event, "participant_sync_begin")
        XCTAssertEqual(sync.filter { $0.event == "participant_create" }.count, 6)
        _ = try request("POST", "\(api)/meet/lock", headers: ["token: \(token)"])
        let update = try stream.next()
        XCTAssertEqual(update.event, "conference_update")
        XCTAssertEqual((update.json as? [String: Any])?["locked"] as? Bool, true)
        XCTAssertEqual(Int(update.id ?? ""), Int(sync.last?.id ?? "").map { $0 + 1 }, "ids are consecutive")
    }

    func testHTTP10StreamIsCloseDelimited() throws {
        let (token, _) = try join()
        let client = try RawClient(port: port)
        client.send("GET \(api)/meet/events?token=\(token) HTTP/1.0\r\n\r\n")
        var received = ""
        while !received.contains("event: layout") {
            var buffer = [UInt8](repeating: 0, count: 4096)
            let n = buffer.withUnsafeMutableBytes { recv(client.fd, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { return XCTFail("stream ended early: \(received)") }
            received += String(decoding: buffer[0..<n], as: UTF8.self)
        }
        XCTAssertFalse(received.lowercased().contains("transfer-encoding"))
        XCTAssertFalse(received.lowercased().contains("content-length"))
    }

    func testReleaseEndsTheStreamAndDisconnectForgetsIt() throws {
        let (token, _) = try join()
        let stream = try EventStreamClient(port: port, target: "\(api)/meet/events?token=\(token)")
        _ = try stream.read { $0.event == "layout" }
        XCTAssertEqual(service.streamCount, 1)
        _ = try request("POST", "\(api)/meet/release_token", headers: ["token: \(token)"])
        XCTAssertEqual(try stream.next().event, "disconnect")
        XCTAssertTrue(stream.readsEnd(), "the server ends a released session's stream")

        let other = try join("Other")
        var watcher: EventStreamClient? = try EventStreamClient(
            port: port, target: "\(api)/meet/events?token=\(other.token)")
        _ = try watcher?.read { $0.event == "layout" }
        XCTAssertEqual(service.streamCount, 1)
        watcher = nil  // the client goes away without a word
        let deadline = Date().addingTimeInterval(5)
        while service.streamCount > 0 && Date() < deadline { usleep(5_000) }
        XCTAssertEqual(service.streamCount, 0, "a vanished client's stream is forgotten")
    }

    func testFiftyConcurrentStreamsReceiveEveryChangeInOrder() throws {
        let (token, _) = try join()
        let streams = try (0..<50).map { _ in
            try EventStreamClient(port: port, target: "\(api)/meet/events?token=\(token)")
        }
        for stream in streams { _ = try stream.read { $0.event == "layout" } }
        let carol = try XCTUnwrap(
            service.snapshot.conferences[0].participants.first { $0.displayName == "Carol Guest" })
        for round in 0..<40 {
            let call = round.isMultiple(of: 2) ? "mute" : "unmute"
            XCTAssertEqual(
                try request("POST", "\(api)/meet/participants/\(carol.uuid)/\(call)", headers: ["token: \(token)"])
                    .status, 200)
        }
        for (index, stream) in streams.enumerated() {
            let updates = try (0..<40).map { _ in try stream.next() }
            let muted = updates.map { ($0.json as? [String: Any])?["is_muted"] as? String }
            XCTAssertEqual(muted, (0..<40).map { $0.isMultiple(of: 2) ? "YES" : "NO" }, "stream \(index)")
            XCTAssertEqual(Set(updates.map(\.event)), ["participant_update"])
        }
    }

    func testControlEndpoint() throws {
        let (token, _) = try join()
        let stream = try EventStreamClient(port: port, target: "\(api)/meet/events?token=\(token)")
        _ = try stream.read { $0.event == "layout" }
        let added = try request(
            "POST", "/__pexdev/mock/conferences/meet/participants", body: #"{"display_name": "Zoe", "role": "chair"}"#)
        XCTAssertEqual(added.status, 201, added.text)
        XCTAssertNotNil(json(added)["uuid"] as? String)
        XCTAssertEqual(try stream.next().event, "participant_create")
        let chat = try request(
            "POST", "/__pexdev/mock/conferences/meet/events", body: #"{"chat": {"from": "Zoe", "text": "hi"}}"#)
        XCTAssertEqual(chat.status, 200, chat.text)
        XCTAssertEqual(try stream.next().event, "message_received")
        let listing = try request("GET", "/__pexdev/mock/conferences/meet")
        XCTAssertEqual((json(listing)["participants"] as? [Any])?.count, 7)
        XCTAssertEqual(try request("POST", "/__pexdev/mock/conferences/meet/reset").status, 200)
        XCTAssertTrue(stream.readsEnd(), "reset ends sessions")

        let refusals: [(String, String, [String], String, Int)] = [
            ("GET", "/__pexdev/mock/conferences/meet/reset", [], "", 405),
            ("POST", "/__pexdev/mock/conferences/meet/reset", ["Origin: http://evil.example"], "", 403),
            ("POST", "/__pexdev/mock/conferences/meet/events", ["Sec-Fetch-Site: cross-site"], #"{"lock": {}}"#, 403),
            ("POST", "/__pexdev/mock/conferences/meet/events", [], #"{"lokc": {}}"#, 400),
            ("POST", "/__pexdev/mock/conferences/meet/events", [], "{", 400),
            ("POST", "/__pexdev/mock/conferences/meet/events", [], #"{"mute": "Nobody"}"#, 404),
            ("POST", "/__pexdev/mock/conferences/nowhere/reset", [], "", 404),
            ("POST", "/__pexdev/mock/conferences/meet/participants", [], #"{"role": "chair"}"#, 400),
            ("POST", "/__pexdev/mock/elsewhere", [], "", 404),
        ]
        for (method, path, headers, body, status) in refusals {
            let response = try request(method, path, headers: headers, body: body)
            XCTAssertEqual(response.status, status, "\(method) \(path) \(headers) \(body): \(response.text)")
        }
        let typo = try request("POST", "/__pexdev/mock/conferences/meet/events", body: #"{"lokc": {}}"#)
        XCTAssertTrue(typo.text.contains("did you mean 'lock'"), typo.text)
    }
}
