import Foundation
import PexDevServer
import PexHTTP
import PexProxy
import PexTestSupport
import XCTest

/// TLS to the node: verified by default, `--ca-file` for a private CA, `--insecure` with a warning, and a
/// sentence for each certificate problem. Certificates come from the `openssl` CLI; `openssl s_server -www` is the
/// node (it answers any GET with a status page).
final class ProxyTLSTests: XCTestCase {
    private var directory: URL!

    /// The CA and certificates, made once for the whole class (RSA key generation takes a while).
    nonisolated(unsafe) private static var made: URL?

    override func setUpWithError() throws {
        guard Self.openssl != nil else {
            throw XCTSkip("openssl CLI not found on PATH: TLS proxy tests need it (CI installs it in .ci/run)")
        }
        if let made = Self.made {
            directory = made
            return
        }
        directory = try Self.makeCertificates()
        Self.made = directory
    }

    override class func tearDown() {
        if let made { try? FileManager.default.removeItem(at: made) }
        made = nil
        super.tearDown()
    }

    private static func makeCertificates() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pexdev-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        func run(_ arguments: [String]) throws {
            let process = Process()
            process.executableURL = openssl
            process.arguments = arguments
            process.currentDirectoryURL = directory
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw ClientError("openssl \(arguments.joined(separator: " ")) failed")
            }
        }
        try run([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
            "-subj", "/CN=pexdev test CA",
        ])
        let signed: [(name: String, san: String, days: String)] = [
            ("good", "IP:127.0.0.1,DNS:localhost", "2"), ("wrong", "DNS:other.example", "2"),
            ("expired", "IP:127.0.0.1", "0"),
        ]
        for (name, san, days) in signed {
            try "subjectAltName=\(san)\n".write(
                to: directory.appendingPathComponent("\(name).ext"), atomically: true, encoding: .utf8)
            try run([
                "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "\(name).key", "-out", "\(name).csr",
                "-subj", "/CN=\(name)",
            ])
            try run([
                "x509", "-req", "-in", "\(name).csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days",
                days, "-extfile", "\(name).ext", "-out", "\(name).pem",
            ])
        }
        try run([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "self.key", "-out", "self.pem", "-days", "2",
            "-subj", "/CN=self", "-addext", "subjectAltName=IP:127.0.0.1",
        ])
        try "not a certificate\n".write(
            to: directory.appendingPathComponent("junk.pem"), atomically: true, encoding: .utf8)
        // "-days 0" ends validity the second it starts: a second later the certificate has expired.
        sleep(1)
        return directory
    }

    override func tearDown() {
        for server in servers { server.terminate() }
        servers.removeAll()
    }

    private var servers: [Process] = []

    /// The `openssl` CLI from PATH (the target's `which`).
    static var openssl: URL? { which("openssl").map { URL(fileURLWithPath: $0) } }

    /// `openssl s_server` with `name`.pem on a free loopback port; its port.
    private func node(_ name: String) throws -> Int {
        let process = Process()
        process.executableURL = Self.openssl
        process.arguments = [
            "s_server", "-accept", "127.0.0.1:0", "-cert", "\(name).pem", "-key", "\(name).key", "-www", "-naccept",
            "20",
        ]
        process.currentDirectoryURL = directory
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        servers.append(process)
        var text = ""
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("ACCEPT") }),
                let port = Int(line.split(separator: ":").last ?? "")
            {
                return port
            }
        }
        throw ClientError("openssl s_server did not start: \(text)")
    }

    private func call(_ harness: ProxyHarness) throws -> (status: Int, result: String) {
        let response = try harness.request("GET", "/api/client/v2/conferences/meet/conference_status")
        if response.status == 200 { return (200, response.text) }
        let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        return (response.status, object?["result"] as? String ?? response.text)
    }

    private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func testAVerifiedNodeAnswersWithItsCAGiven() throws {
        let port = try node("good")
        let harness = try ProxyHarness(node: "https://127.0.0.1:\(port)") { $0.caFile = self.path("ca.pem") }
        let (status, body) = try call(harness)
        XCTAssertEqual(status, 200, body)
        XCTAssertTrue(body.contains("s_server"), "the page came from the TLS node")
        XCTAssertTrue(harness.server.bannerLines.contains { $0.contains("TLS verified") })
        XCTAssertTrue(harness.server.startWarnings.isEmpty)
    }

    func testAnUnknownCAIsNamedWithTheFix() throws {
        let port = try node("good")
        let harness = try ProxyHarness(node: "https://127.0.0.1:\(port)")
        let (status, result) = try call(harness)
        XCTAssertEqual(status, 502)
        XCTAssertEqual(
            result,
            "pexdev proxy: TLS certificate of 127.0.0.1:\(port) rejected: unknown certificate authority (issued by "
                + "\"pexdev test CA\"); pass that CA's certificate with --ca-file ca.pem, or use --insecure (not for production)"
        )
    }

    func testASelfSignedCertificateIsAnUnknownCA() throws {
        let port = try node("self")
        let harness = try ProxyHarness(node: "https://127.0.0.1:\(port)")
        let (status, result) = try call(harness)
        XCTAssertEqual(status, 502)
        XCTAssertTrue(result.contains("rejected: unknown certificate authority (issued by \"self\")"), result)
    }

    func testAWrongNameSaysWhichNamesTheCertificateHas() throws {
        let port = try node("wrong")
        let harness = try ProxyHarness(node: "https://127.0.0.1:\(port)") { $0.caFile = self.path("ca.pem") }
        let (status, result) = try call(harness)
        XCTAssertEqual(status, 502)
        XCTAssertTrue(
            result.hasPrefix(
                "pexdev proxy: TLS certificate of 127.0.0.1:\(port) rejected: it is for wrong, other.example, not 127.0.0.1"
            ),
            result)
    }

    func testAnExpiredCertificateSaysWhen() throws {
        let port = try node("expired")
        let harness = try ProxyHarness(node: "https://127.0.0.1:\(port)") { $0.caFile = self.path("ca.pem") }
        let (status, result) = try call(harness)
        XCTAssertEqual(status, 502)
        XCTAssertTrue(result.contains("rejected: it expired on "), result)
        XCTAssertTrue(
            result.hasSuffix(
                "GMT (fix the node's certificate, pass its CA with --ca-file, or use --insecure (not for production))"),
            result)
    }

    func testInsecureSkipsTheCheckAndSaysSo() throws {
        let port = try node("self")
        let harness = try ProxyHarness(node: "https://127.0.0.1:\(port)") { $0.insecure = true }
        XCTAssertEqual(try call(harness).status, 200)
        XCTAssertTrue(
            harness.server.startWarnings.contains {
                $0.hasPrefix("--insecure: the certificate of 127.0.0.1:\(port) is not checked")
            })
        XCTAssertTrue(harness.server.bannerLines.contains { $0.contains("TLS NOT VERIFIED (--insecure)") })
        let diagnostics = try harness.request("GET", "/__pexdev/diagnostics")
        let node =
            (try JSONSerialization.jsonObject(with: Data(diagnostics.body)) as? [String: Any])?["node"]
            as? [String: Any]
        XCTAssertEqual(node?["insecure"] as? Bool, true)
        XCTAssertEqual(node?["origin"] as? String, "https://127.0.0.1:\(port)")
    }

    func testTLSToAPlainHTTPPortSuggestsHTTP() throws {
        // Like nginx on its HTTP port: whatever arrives is not a request, so 400 and close.
        let upstream = try ScriptedServer { peer in
            _ = peer.readSome()
            peer.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        }
        defer { upstream.stop() }
        let harness = try ProxyHarness(node: "https://127.0.0.1:\(upstream.port)")
        let (status, result) = try call(harness)
        XCTAssertEqual(status, 502)
        XCTAssertTrue(result.contains("does not speak TLS on that port"), result)
        XCTAssertTrue(result.contains("try --node http://127.0.0.1:\(upstream.port)"), result)
    }

    func testABadCAFileStopsTheServerFromStarting() throws {
        for (file, expected) in [
            ("junk.pem", "--ca-file \(path("junk.pem")): no PEM certificate could be read from it"),
            ("missing.pem", "--ca-file \(path("missing.pem")): cannot read it (No such file or directory)"),
        ] {
            let fixture = try BrandingFixture()
            var configuration = DevServerConfiguration(brandingPath: fixture.base.path, port: 0, threads: 1)
            var proxy = ProxyConfiguration(node: try NodeAddress(parsing: "https://pexip.example.com"))
            proxy.caFile = path(file)
            configuration.proxy = proxy
            XCTAssertThrowsError(try DevServer(configuration: configuration, log: SilentLog())) { error in
                XCTAssertEqual((error as? DevServerError)?.description, expected)
            }
        }
    }
}
