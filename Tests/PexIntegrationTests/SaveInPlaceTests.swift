import Foundation
import PexDevServer
import PexHTTP
import PexTestSupport
import XCTest

/// A file saved in place (truncate, then write) while the browser asks for it: the server may find fewer bytes
/// than the size it just read, and must then look again or say "busy, retry" (503), never 500. Found by the
/// 30-minute soak (issue 12). (What the file holds mid-save, empty or partly written, is what any server sends;
/// live reload waits for the editor to close the file before it tells the browser.)
final class SaveInPlaceTests: XCTestCase {
    func testAFileSavedInPlaceIsNeverAServerError() throws {
        let fixture = try BrandingFixture()
        let server = try DevServer(
            configuration: DevServerConfiguration(brandingPath: fixture.base.path, port: 0, threads: 1),
            log: SilentLog())
        try server.start()
        defer { server.stop(graceMilliseconds: 0) }
        let path = fixture.root.appendingPathComponent("plugins/demo/demo.plugin.js").path
        let stop = NSLock()
        nonisolated(unsafe) var done = false
        let writer = Thread {
            var serial = 0
            while !stop.withLock({ done }) && serial < 200_000 {
                let fd = open(path, O_WRONLY | O_TRUNC)
                let text =
                    Array("(function () { /* save \(serial) */ })();\n".utf8) + [UInt8](repeating: 0x20, count: 4096)
                _ = text.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                close(fd)
                serial += 1
            }
        }
        writer.start()
        defer { stop.withLock { done = true } }
        let client = try RawClient(port: server.port)
        var statuses: [Int: Int] = [:]
        let end = Date().addingTimeInterval(2)
        var requests = 0
        while Date() < end && requests < 20_000 {
            client.send(
                "GET /webapp2/custom_configuration/plugins/demo/demo.plugin.js HTTP/1.1\r\nHost: localhost\r\n\r\n")
            let response = try client.readResponse()
            statuses[response.status, default: 0] += 1
            requests += 1
        }
        XCTAssertEqual(statuses[500] ?? 0, 0, "\(statuses)")
        XCTAssertEqual(Set(statuses.keys).subtracting([200, 503]), [], "\(statuses)")
        print("save-in-place race: \(requests) requests, statuses \(statuses)")
    }
}
