import Foundation
import PexTestSupport
import XCTest

/// Node mode from the command line, with the real binary: options and their conflicts, the --insecure warning,
/// and a large body streamed through with bounded memory (curl as the browser).
final class ProxyBinaryTests: XCTestCase {
    private let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../sample-branding").standardized.path

    func testConflictingOrOrphanedNodeOptionsAreUsageErrors() throws {
        let cases: [(arguments: [String], environment: [String: String], message: String)] = [
            (
                ["--node", "ftp://pexip.example.com"], [:],
                "Error: The value 'ftp://pexip.example.com' is invalid for '--node <url>': 'ftp' is not a scheme"
            ),
            (["--node", "https://pexip.example.com/webapp2/"], [:], "without the path '/webapp2/'"),
            (["--node", "https://pexip.example.com:99999"], [:], "the port must be a number 1-65535"),
            (
                ["--node", "https://pexip.example.com", "--mock"], [:],
                "Error: '--node' and '--mock' cannot be used together: --node replaces the built-in mock with https://pexip.example.com"
            ),
            (
                ["--scenario", "sample-branding/mock-scenario.json"], ["PEXDEV_NODE": "https://pexip.example.com"],
                "Error: '--scenario' configures the built-in mock, which '--node' replaces"
            ),
            (["--insecure"], [:], "Error: '--insecure' needs '--node <url>'"),
            (["--real-app"], [:], "Error: '--real-app' needs '--node <url>'"),
            (["--ca-file", "ca.pem"], [:], "Error: '--ca-file <pem>' needs '--node <url>'"),
            (
                [], ["PEXDEV_NODE": "gopher://x"],
                "the environment variable PEXDEV_NODE is invalid: 'gopher' is not a scheme"
            ),
        ]
        for (arguments, environment, message) in cases {
            let outcome = try TestBinary.run(["serve", sample, "--port", "0"] + arguments, environment: environment)
            XCTAssertEqual(outcome.status, 64, arguments.joined(separator: " "))
            XCTAssertTrue(outcome.standardError.contains(message), "\(arguments): \(outcome.standardError)")
        }
    }

    func testInsecureIsWarnedAboutAtStart() throws {
        let server = try RunningServer(
            ["serve", sample, "--port", "0", "--insecure"], environment: ["PEXDEV_NODE": "https://127.0.0.1:9"])
        defer { server.kill() }
        _ = try server.waitForPort()
        XCTAssertTrue(server.standardOutput.contains("  node      http://127.0.0.1:"), server.standardOutput)
        XCTAssertTrue(
            server.standardOutput.contains("→ https://127.0.0.1:9/api/client/…  (TLS NOT VERIFIED (--insecure))"))
        XCTAssertTrue(
            ProxyBinaryTests.eventually {
                server.standardError.contains("--insecure: the certificate of 127.0.0.1:9 is not checked")
            },
            server.standardError)
    }

    func testALargeBodyStreamsThroughWithBoundedMemory() throws {
        guard let curl = ProxyBinaryTests.which("curl") else {
            throw XCTSkip("curl not found on PATH: this test uses it as the browser (CI installs it)")
        }
        let size = 24 << 20
        let upstream = try ScriptedServer { peer in
            while let (head, _) = peer.readRequest() {
                guard head.contains("/big") else {
                    peer.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
                    continue
                }
                peer.write(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: \(size)\r\n\r\n")
                var block = [UInt8](repeating: 0, count: 1 << 20)
                for megabyte in 0..<(size >> 20) {
                    for index in block.indices { block[index] = UInt8(truncatingIfNeeded: index &+ megabyte) }
                    guard peer.write(block) else { return }
                }
            }
        }
        defer { upstream.stop() }
        let server = try RunningServer(
            ["serve", sample, "--port", "0", "--node", "http://127.0.0.1:\(upstream.port)"],
            // Under AddressSanitizer (swift test --sanitize=address) freed memory sits in a quarantine and would
            // count as peak memory; without it, the figure is pexdev's own.
            environment: ["PEXDEV_QUIET": "1", "ASAN_OPTIONS": "quarantine_size_mb=0:detect_leaks=0"])
        defer { server.kill() }
        let port = try server.waitForPort()
        let base = "http://127.0.0.1:\(port)/api/client/v2/"
        let warm = try ProxyBinaryTests.output(curl, ["-sS", base + "warm"])
        XCTAssertEqual(warm, "ok")
        let before = try XCTUnwrap(server.memory(field: "VmHWM"))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pexdev-big-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        // A browser slower than the node: pexdev must hold the node back, not the whole body.
        _ = try ProxyBinaryTests.output(curl, ["-sS", "--limit-rate", "16M", "-o", file.path, base + "big"])
        let after = try XCTUnwrap(server.memory(field: "VmHWM"))
        let received = try Data(contentsOf: file)
        XCTAssertEqual(received.count, size)
        for megabyte in [0, 7, 23] {
            let offset = megabyte << 20 + 12_345
            XCTAssertEqual(received[offset], UInt8(truncatingIfNeeded: 12_345 &+ megabyte), "byte at \(offset)")
        }
        print("pexdev peak RSS \(before) kB before, \(after) kB after a \(size >> 20) MB body to a 16 MB/s client")
        XCTAssertLessThan(
            after - before, 8 << 10, "peak memory grew by \(after - before) kB for a \(size >> 20) MB body")
    }

    static func which(_ tool: String) -> URL? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(tool)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    static func output(_ tool: URL, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = tool
        process.arguments = arguments + ["--max-time", "60"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    static func eventually(seconds: Double = 5, _ condition: () -> Bool) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if condition() { return true }
            usleep(10_000)
        }
        return condition()
    }
}
