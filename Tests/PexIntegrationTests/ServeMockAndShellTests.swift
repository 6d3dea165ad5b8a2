import Foundation
import PexDevServer
import PexHTTP
import PexTestSupport
import XCTest

/// `serve` mounts the mock and serves the shell compiled into the binary (or from disk with --dev-shell).
final class ServeMockAndShellTests: XCTestCase {
    func testServeAnswersTheClientAPIAndServesTheEmbeddedShell() throws {
        let fixture = try BrandingFixture()
        let server = try DevServer(
            configuration: DevServerConfiguration(brandingPath: fixture.base.path, port: 0, threads: 1),
            log: SilentLog())
        try server.start()
        defer { server.stop(graceMilliseconds: 0) }
        let client = try RawClient(port: server.port)
        let body = #"{"display_name": "Dev"}"#
        client.send(
            "POST /api/client/v2/conferences/meet.alice/request_token HTTP/1.1\r\nHost: localhost\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
        )
        XCTAssertEqual(try client.readResponse().status, 200)
        XCTAssertTrue(
            server.bannerLines.contains { $0.hasPrefix("  mock node http://127.0.0.1:\(server.port)/api/client/v2/") })

        client.send("GET /webapp2/conference/meet HTTP/1.1\r\nHost: localhost\r\n\r\n")
        let page = try client.readResponse()
        XCTAssertEqual(page.status, 200)
        XCTAssertEqual(page.header("Content-Type"), "text/html; charset=utf-8")
        XCTAssertTrue(page.text.contains("<base href=\"/webapp2/\">"))
        let etag = try XCTUnwrap(page.header("ETag"))
        client.send("GET /webapp2/ HTTP/1.1\r\nHost: localhost\r\nIf-None-Match: \(etag)\r\n\r\n")
        XCTAssertEqual(try client.readResponse().status, 304)
        client.send("GET /webapp2/missing.js HTTP/1.1\r\nHost: localhost\r\n\r\n")
        XCTAssertEqual(try client.readResponse().status, 404)
        client.send("POST /webapp2/ HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n")
        XCTAssertEqual(try client.readResponse().status, 405)
        client.send("GET /webapp2/%2e%2e/etc HTTP/1.1\r\nHost: localhost\r\n\r\n")
        XCTAssertEqual(try client.readResponse().status, 400)
    }

    func testEveryPublicFileIsEmbedded() throws {
        let publicDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Public").standardized
        let walker = try XCTUnwrap(FileManager.default.enumerator(at: publicDirectory, includingPropertiesForKeys: nil))
        var count = 0
        let fixture = try BrandingFixture()
        let server = try DevServer(
            configuration: DevServerConfiguration(brandingPath: fixture.base.path, port: 0, threads: 1),
            log: SilentLog())
        try server.start()
        defer { server.stop(graceMilliseconds: 0) }
        let client = try RawClient(port: server.port)
        for case let url as URL in walker where !url.hasDirectoryPath && !url.lastPathComponent.hasPrefix(".") {
            let relative = String(url.standardized.path.dropFirst(publicDirectory.path.count + 1))
            client.send("GET /webapp2/\(relative) HTTP/1.1\r\nHost: localhost\r\n\r\n")
            let response = try client.readResponse()
            XCTAssertEqual(response.status, 200, relative)
            let onDisk = try [UInt8](Data(contentsOf: url))
            XCTAssertTrue(response.body == onDisk, "\(relative): the binary's copy differs from Public/ (rebuild)")
            count += 1
        }
        XCTAssertGreaterThan(count, 1)
    }
}
