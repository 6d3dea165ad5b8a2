import Foundation
import PexDevServer
import PexHTTP
import PexProxy
import PexTestSupport
import XCTest

/// `serve` in node mode, in-process on port 0, pointed at a test upstream, with every log line kept.
final class ProxyHarness {
    let fixture: BrandingFixture
    let server: DevServer
    let log = RecordingLog()

    init(node: String, accessLog: Bool = true, _ adjust: (inout ProxyConfiguration) -> Void = { _ in }) throws {
        fixture = try BrandingFixture()
        var proxy = ProxyConfiguration(node: try NodeAddress(parsing: node))
        adjust(&proxy)
        var configuration = DevServerConfiguration(brandingPath: fixture.base.path, port: 0, threads: 1)
        configuration.accessLog = accessLog
        configuration.proxy = proxy
        server = try DevServer(configuration: configuration, log: log)
        try server.start()
    }

    deinit { server.stop(graceMilliseconds: 0) }

    var port: Int { server.port }

    func client() throws -> RawClient { try RawClient(port: port) }

    /// One request on a fresh connection.
    func request(_ method: String, _ target: String, headers: String = "", body: String = "") throws -> RawResponse {
        let client = try client()
        let length = body.isEmpty && method == "GET" ? "" : "Content-Length: \(body.utf8.count)\r\n"
        client.send("\(method) \(target) HTTP/1.1\r\nHost: localhost\r\n\(length)\(headers)\r\n\(body)")
        return try client.readResponse(head: method == "HEAD")
    }

    /// Waits (bounded) until `condition` holds; false if it never did.
    static func eventually(seconds: Double = 5, _ condition: () -> Bool) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if condition() { return true }
            usleep(5_000)
        }
        return condition()
    }
}

/// A scripted upstream that answers each request with `respond(head, body)`'s bytes on a kept-alive connection.
func echoUpstream(_ respond: @escaping @Sendable (String, [UInt8]) -> String) throws -> ScriptedServer {
    try ScriptedServer { peer in
        while let (head, body) = peer.readRequest() {
            guard peer.write(respond(head, body)) else { return }
        }
    }
}

/// An HTTP/1.1 response with a length.
func httpResponse(_ status: String, headers: [String] = [], body: String = "") -> String {
    let lines = headers.map { $0 + "\r\n" }.joined()
    return "HTTP/1.1 \(status)\r\n\(lines)Content-Length: \(body.utf8.count)\r\n\r\n\(body)"
}
