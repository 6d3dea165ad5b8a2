import Foundation
import XCTest

#if canImport(Glibc)
    import Glibc
#endif

/// `pexdev serve` as a real process: banner, requests over loopback, port clashes, signals.
final class ServeProcessTests: XCTestCase {
    private var sampleBranding: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../sample-branding")
            .standardized.path
    }

    func testBannerRequestsAndSigtermStopWithStatusZero() throws {
        let server = try RunningServer(["serve", sampleBranding, "--port", "0", "--verbose"])
        defer { server.kill() }
        let port = try server.waitForPort()
        XCTAssertTrue(server.standardOutput.hasPrefix("pexdev 0.1.0 serving branding \""), server.standardOutput)
        XCTAssertTrue(server.standardOutput.contains("(manifest brandingID "), server.standardOutput)
        XCTAssertTrue(
            server.standardOutput.contains("  branding  http://127.0.0.1:\(port)/webapp2/custom_configuration/"))

        let body = try httpGet(port: port, path: "/webapp2/custom_configuration/settings.json")
        XCTAssertTrue(body.contains("\"plugins\""), body)
        // An idle keep-alive connection must not hold up the stop beyond the grace period.
        let idle = try openConnection(port: port)
        defer { close(idle) }

        let started = Date()
        server.signal(SIGTERM)
        let status = try server.waitForExit(seconds: 10)
        XCTAssertEqual(status, 0, server.standardError)
        XCTAssertLessThan(Date().timeIntervalSince(started), 5, "stop should not wait long for idle connections")
        XCTAssertTrue(
            server.standardError.contains("GET /webapp2/custom_configuration/settings.json 200"),
            "verbose access log line missing: \(server.standardError)")
        XCTAssertNotEqual(connect(port: port), 0, "the listening socket must be closed after exit")
    }

    func testSigintStopsWithStatusZero() throws {
        let server = try RunningServer(["serve", sampleBranding, "--port", "0", "--quiet"])
        defer { server.kill() }
        _ = try server.waitForPort()
        server.signal(SIGINT)
        XCTAssertEqual(try server.waitForExit(seconds: 10), 0, server.standardError)
        XCTAssertEqual(server.standardError, "", "--quiet prints nothing on a clean stop")
    }

    func testPortInUseIsAClearError() throws {
        let holder = try RunningServer(["serve", sampleBranding, "--port", "0"])
        defer { holder.kill() }
        let port = try holder.waitForPort()
        let result = try TestBinary.run(["serve", sampleBranding, "--port", String(port)])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(
            result.standardError, "error: port \(port) is already in use (try --port 0 for any free port)\n")
    }

    func testPortFromEnvironment() throws {
        let server = try RunningServer(["serve", sampleBranding], environment: ["PEXDEV_PORT": "0"])
        defer { server.kill() }
        XCTAssertNotEqual(try server.waitForPort(), 8080)
    }

    func testMissingBrandingIsAClearError() throws {
        let result = try TestBinary.run(["serve", "/nonexistent/branding"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(
            result.standardError.hasPrefix("error: '/nonexistent/branding' does not exist\n"),
            result.standardError)
        XCTAssertTrue(result.standardError.contains("hint: "), result.standardError)
    }

    func testRunningOutOfDescriptorsBacksOffAndRecovers() throws {
        // A hard limit of 32 descriptors leaves room for about 20 connections; the rest wait in the backlog.
        let binary = try TestBinary.pexdev().path
        let server = try RunningServer(
            ["-c", "ulimit -n 32 && exec \"$0\" serve \"$1\" --port 0", binary, sampleBranding], shell: true)
        defer { server.kill() }
        let port = try server.waitForPort()
        var held: [Int32] = []
        defer { for fd in held { close(fd) } }
        for _ in 0..<40 { held.append(try openConnection(port: port)) }
        let deadline = Date().addingTimeInterval(5)
        while !server.standardError.contains("out of file descriptors") && Date() < deadline { usleep(20_000) }
        XCTAssertTrue(server.standardError.contains("out of file descriptors (limit 32)"), server.standardError)
        let busyBefore = server.cpuSeconds()
        usleep(500_000)
        XCTAssertLessThan(
            server.cpuSeconds() - busyBefore, 0.2, "accept must back off, not spin, while out of descriptors")
        for fd in held { close(fd) }
        held = []
        let body = try httpGet(port: port, path: "/webapp2/custom_configuration/manifest.json")
        XCTAssertTrue(body.hasPrefix("HTTP/1.1 200 OK"), body)
    }

    func testLowDescriptorLimitLowersTheConnectionLimitSoNewcomersGet503() throws {
        // 64 descriptors leave room for 48 connections (the rest is reserved for files and for refusing): the
        // 49th gets a 503 instead of waiting unanswered behind a failing accept.
        let binary = try TestBinary.pexdev().path
        let server = try RunningServer(
            ["-c", "ulimit -n 64 && exec \"$0\" serve \"$1\" --port 0", binary, sampleBranding], shell: true)
        defer { server.kill() }
        let port = try server.waitForPort()
        XCTAssertTrue(
            server.standardError.contains("the open-file limit (64) leaves room for 48 connections, not 1024"),
            server.standardError)
        var held: [Int32] = []
        defer { for fd in held { close(fd) } }
        for _ in 0..<48 {
            let fd = try openConnection(port: port)
            held.append(fd)
            XCTAssertTrue(
                try exchange(fd, "GET /__pexdev/health HTTP/1.1\r\nHost: localhost\r\n\r\n").hasPrefix("HTTP/1.1 200"))
        }
        let newcomer = try openConnection(port: port)
        held.append(newcomer)
        let refusal = try exchange(newcomer, "GET /__pexdev/health HTTP/1.1\r\nHost: localhost\r\n\r\n")
        XCTAssertTrue(refusal.hasPrefix("HTTP/1.1 503"), refusal)
        XCTAssertTrue(refusal.contains("limit of 48 open connections"), refusal)
    }

    // MARK: helpers

    /// Sends `request` and reads until a whole response (head and Content-Length body) or the end, up to 5 s.
    private func exchange(_ fd: Int32, _ request: String) throws -> String {
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let bytes = Array(request.utf8)
        _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 8192)
        while true {
            let text = String(decoding: received, as: UTF8.self)
            if let end = text.range(of: "\r\n\r\n") {
                let length =
                    text[..<end.lowerBound].split(separator: "\r\n")
                    .first { $0.lowercased().hasPrefix("content-length:") }
                    .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
                if text[end.upperBound...].utf8.count >= length { return text }
            }
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { return text }
            received += buffer[0..<n]
        }
    }

    private func openConnection(port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else { throw XCTSkip("could not open a connection to port \(port)") }
        return fd
    }

    private func connect(port: Int) -> Int32 {
        guard let fd = try? openConnection(port: port) else { return -1 }
        close(fd)
        return 0
    }

    private func httpGet(port: Int, path: String) throws -> String {
        let fd = try openConnection(port: port)
        defer { close(fd) }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let request = Array("GET \(path) HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 8192)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            received += buffer[0..<n]
        }
        return String(decoding: received, as: UTF8.self)
    }
}

/// A `pexdev` child process whose output is collected as it arrives; killed if a test forgets it.
final class RunningServer: @unchecked Sendable {
    private let process = Process()
    private let output = LockedText()
    private let errors = LockedText()

    /// With `shell`, the arguments go to /bin/sh (for `ulimit`), and `$0`… are set by the caller.
    init(_ arguments: [String], environment: [String: String] = [:], shell: Bool = false) throws {
        process.executableURL = shell ? URL(fileURLWithPath: "/bin/sh") : try TestBinary.pexdev()
        process.arguments = arguments
        process.environment = TestBinary.environment(environment)
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let output = self.output
        let errors = self.errors
        out.fileHandleForReading.readabilityHandler = { output.append($0.availableData) }
        err.fileHandleForReading.readabilityHandler = { errors.append($0.availableData) }
        try process.run()
    }

    var standardOutput: String { output.text }
    var standardError: String { errors.text }

    /// The port from the banner's `app` line (or another line naming a URL), waiting up to 10 s for it.
    func waitForPort(line prefix: String = "  app ") throws -> Int {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            for line in standardOutput.split(separator: "\n") where line.hasPrefix(prefix) {
                if let url = line.split(separator: " ").last, let port = URL(string: String(url))?.port {
                    return port
                }
            }
            if !process.isRunning { break }
            usleep(10_000)
        }
        throw ClientFailure("no banner with a URL (stdout: \(standardOutput), stderr: \(standardError))")
    }

    /// User plus system CPU time of the process so far, from /proc.
    func cpuSeconds() -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return 0 }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// A memory figure from /proc/<pid>/status in kB ("VmRSS", "VmHWM" for the peak).
    func memory(field: String) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8)
        else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix(field + ":") {
            return Int(line.split(separator: " ", omittingEmptySubsequences: true)[1])
        }
        return nil
    }

    func signal(_ number: Int32) { Glibc.kill(process.processIdentifier, number) }

    func waitForExit(seconds: Double) throws -> Int32 {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        guard !process.isRunning else { throw ClientFailure("pexdev did not exit within \(seconds) s") }
        usleep(50_000)  // let the pipe handlers collect the last output
        return process.terminationStatus
    }

    func kill() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }
}

struct ClientFailure: Error, CustomStringConvertible {
    let description: String
    init(_ text: String) { description = text }
}

final class LockedText: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func append(_ more: Data) { lock.withLock { data.append(more) } }
    var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
}
