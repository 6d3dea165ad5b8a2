import Foundation
import XCTest

/// `pexdev mock` and `--scenario` as a user runs them: the real binary.
final class MockProcessTests: XCTestCase {
    private var sampleScenario: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../sample-branding/mock-scenario.json").standardized.path
    }

    func testMockRunsAloneWithTheSampleScenario() throws {
        let server = try RunningServer(["mock", "--port", "0", "--scenario", sampleScenario])
        defer { server.kill() }
        let port = try server.waitForPort(line: "  openapi ")
        XCTAssertTrue(server.standardOutput.hasPrefix("pexdev 0.1.0 mock Infinity node ("), server.standardOutput)
        XCTAssertTrue(server.standardOutput.contains("scenario: meet, meet.alice, board"), server.standardOutput)
        let reply = try post(
            port: port, path: "/api/client/v2/conferences/board/request_token", body: #"{"display_name": "x"}"#)
        XCTAssertTrue(reply.hasPrefix("HTTP/1.1 403"), reply)
        XCTAssertTrue(reply.contains(#""pin": "required""#), reply)
        server.signal(SIGTERM)
        XCTAssertEqual(try server.waitForExit(seconds: 10), 0, server.standardError)
    }

    func testServeBannerNamesTheMock() throws {
        let branding = URL(fileURLWithPath: sampleScenario).deletingLastPathComponent().path
        let server = try RunningServer(["serve", branding, "--port", "0", "--scenario", sampleScenario])
        defer { server.kill() }
        let port = try server.waitForPort()
        XCTAssertTrue(
            server.standardOutput.contains(
                "  mock node http://127.0.0.1:\(port)/api/client/v2/conferences/…  (\(sampleScenario) scenario: meet, meet.alice, board)"
            ),
            server.standardOutput)
        XCTAssertTrue(server.standardOutput.contains("/webapp2/?conference=meet&name=Dev"), server.standardOutput)
    }

    func testBrokenScenarioIsReportedLikeCheckAndExitsOne() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pexdev-scenario-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("broken.json")
        try Data(
            "{\n  \"conferences\": [\n    {\"alias\": \"a\", \"timeline\": [{\"at\": \"5s\", \"chatt\": {}}]}\n  ]\n}\n"
                .utf8
        )
        .write(to: file)
        let outcome = try TestBinary.run(
            ["mock", "--port", "0", "--scenario", file.path], environment: ["NO_COLOR": "1"])
        XCTAssertEqual(outcome.status, 1)
        XCTAssertTrue(
            outcome.standardError.contains("broken.json:3:46: error: unknown action 'chatt'"), outcome.standardError)
        XCTAssertTrue(outcome.standardError.contains("did you mean 'chat'?"), outcome.standardError)
        XCTAssertTrue(outcome.standardError.contains("has 1 problem;"), outcome.standardError)

        let missing = try TestBinary.run(["serve", ".", "--scenario", "/nonexistent/s.json"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.standardError.contains("no scenario file at /nonexistent/s.json"), missing.standardError)
    }

    func testMockHelpAndUsageErrors() throws {
        let help = try TestBinary.run(["help", "mock"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.standardOutput.contains("USAGE: pexdev mock"), help.standardOutput)
        XCTAssertTrue(help.standardOutput.contains("--scenario <file>"), help.standardOutput)
        let typo = try TestBinary.run(["mock", "--scenari", "x"])
        XCTAssertEqual(typo.status, 64)
        XCTAssertTrue(typo.standardError.contains("Did you mean '--scenario'?"), typo.standardError)
        XCTAssertTrue(try TestBinary.run(["--help"]).standardOutput.contains("mock"))
    }

    private func post(port: Int, path: String, body: String) throws -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw ClientFailure("connect failed") }
        let request =
            "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
        _ = request.withCString { send(fd, $0, strlen($0), 0) }
        var response = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            response += buffer[0..<n]
        }
        return String(decoding: response, as: UTF8.self)
    }
}
