import Foundation
import PexTestSupport
import XCTest

#if canImport(Glibc)
    import Glibc
#endif

/// `pexdev health` and the PEXDEV_* variables as a container uses them: the real binary, real sockets.
final class HealthBinaryTests: XCTestCase {
    private var sampleBranding: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../sample-branding")
            .standardized.path
    }

    /// The Dockerfile's configuration: everything from the environment, no arguments after `serve`.
    func testServeConfiguredOnlyByEnvironmentIsHealthy() throws {
        let server = try RunningServer(
            ["serve"],
            environment: [
                "PEXDEV_BRANDING": sampleBranding, "PEXDEV_PORT": "0", "PEXDEV_HOST": "0.0.0.0",
                "PEXDEV_ALLOW_HOSTS": "pexdev.test, other.test", "PEXDEV_VERBOSE": "yes", "PEXDEV_POLL": "200",
            ])
        defer { server.kill() }
        let port = try server.waitForPort()
        XCTAssertTrue(server.standardOutput.contains("sample-branding/webapp2"), server.standardOutput)

        let healthy = try TestBinary.run(
            ["health"], environment: ["PEXDEV_PORT": String(port), "PEXDEV_HOST": "0.0.0.0"])
        XCTAssertEqual(healthy.status, 0, healthy.standardError)
        XCTAssertEqual(healthy.standardOutput, "ok: http://127.0.0.1:\(port)/__pexdev/health\n")
        XCTAssertEqual(healthy.standardError, "")
        let byURL = try TestBinary.run(["health", "--url", "http://localhost:\(port)", "--quiet"])
        XCTAssertEqual(byURL.status, 0, byURL.standardError)
        XCTAssertEqual(byURL.standardOutput, "")

        // PEXDEV_ALLOW_HOSTS let the published name in; PEXDEV_VERBOSE logged the request.
        let client = try RawClient(port: port)
        client.send("GET /__pexdev/health HTTP/1.1\r\nHost: other.test:\(port)\r\n\r\n")
        XCTAssertEqual(try client.readResponse().status, 200)
        let refused = try RawClient(port: port)
        refused.send("GET /__pexdev/health HTTP/1.1\r\nHost: evil.test\r\n\r\n")
        XCTAssertEqual(try refused.readResponse().status, 403)
        let deadline = Date().addingTimeInterval(5)
        while !server.standardError.contains("GET /__pexdev/health 200") && Date() < deadline { usleep(10_000) }
        XCTAssertTrue(server.standardError.contains("GET /__pexdev/health 200"), server.standardError)

        server.signal(SIGTERM)
        XCTAssertEqual(try server.waitForExit(seconds: 10), 0, server.standardError)
        let down = try TestBinary.run(["health", "--port", String(port)])
        XCTAssertEqual(down.status, 1)
        XCTAssertEqual(
            down.standardError,
            "error: http://127.0.0.1:\(port)/__pexdev/health: connect to 127.0.0.1:\(port) failed: Connection refused\n"
        )
    }

    func testMockIsHealthyToo() throws {
        let server = try RunningServer(["mock", "--port", "0"], environment: ["PEXDEV_QUIET": "1"])
        defer { server.kill() }
        let port = try server.waitForPort(line: "  openapi ")
        let outcome = try TestBinary.run(["health", "-p", String(port)])
        XCTAssertEqual(outcome.status, 0, outcome.standardError)
    }

    /// A server that accepts but never answers must fail the check within the timeout, not hang it.
    func testSilentServerTimesOut() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && listen(fd, 8) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        XCTAssertTrue(bound)
        let port = Int(UInt16(bigEndian: address.sin_port))
        let started = Date()
        let outcome = try TestBinary.run(["health", "--port", String(port), "--timeout", "300"])
        XCTAssertEqual(outcome.status, 1)
        XCTAssertEqual(
            outcome.standardError, "error: http://127.0.0.1:\(port)/__pexdev/health: no complete reply within 300 ms\n")
        XCTAssertLessThan(Date().timeIntervalSince(started), 5)
    }

    func testMalformedSwitchVariableIsAUsageErrorFromTheBinary() throws {
        let outcome = try TestBinary.run(["serve", sampleBranding], environment: ["PEXDEV_FOLLOW_SYMLINKS": "maybe"])
        XCTAssertEqual(outcome.status, 64)
        XCTAssertTrue(
            outcome.standardError.hasPrefix(
                "Error: The value 'maybe' of the environment variable PEXDEV_FOLLOW_SYMLINKS is invalid: "
                    + "expected 1, true, yes, 0, false or no\n"),
            outcome.standardError)
    }
}
