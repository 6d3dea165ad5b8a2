import Foundation
import PexDevServer
import PexHTTP
import PexTestSupport
import XCTest

/// `serve` over real loopback sockets on port 0: what a browser or curl sees.
final class ServeIntegrationTests: XCTestCase {
    private var fixture: BrandingFixture!
    private var server: DevServer!
    private var port: Int { server.port }
    private let branding = "/webapp2/custom_configuration"

    override func setUpWithError() throws {
        fixture = try BrandingFixture()
        server = try makeServer()
        try server.start()
    }

    override func tearDown() {
        server?.stop(graceMilliseconds: 500)
        server = nil
        fixture = nil
    }

    private func makeServer(followSymlinks: Bool = false) throws -> DevServer {
        let configuration = DevServerConfiguration(
            brandingPath: fixture.base.path, port: 0, followSymlinks: followSymlinks, threads: 2)
        return try DevServer(configuration: configuration, log: SilentLog())
    }

    private func get(_ path: String, headers: [String] = [], host: String? = nil) throws -> RawResponse {
        let client = try RawClient(port: port)
        let extra = headers.map { "\($0)\r\n" }.joined()
        client.send("GET \(path) HTTP/1.1\r\nHost: \(host ?? "127.0.0.1:\(port)")\r\n\(extra)\r\n")
        return try client.readResponse()
    }

    func testServesBrandingFilesWithTypesAndValidators() throws {
        let response = try get("\(branding)/settings.json")
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.header("Content-Type"), "application/json; charset=utf-8")
        XCTAssertEqual(response.header("Cache-Control"), "no-cache")
        XCTAssertNotNil(response.header("ETag"))
        XCTAssertNotNil(response.header("Last-Modified"))
        XCTAssertEqual(response.body, try fixture.bytes("settings.json"))
        XCTAssertEqual(
            try get("\(branding)/plugins/demo/demo.plugin.js").header("Content-Type"),
            "text/javascript; charset=utf-8")
        XCTAssertEqual(
            try get("\(branding)/plugins/demo/icon.svg").header("Content-Type"),
            "image/svg+xml; charset=utf-8")
    }

    func testKeepAliveServesSeveralRequestsOnOneConnection() throws {
        let client = try RawClient(port: port)
        for _ in 0..<5 {
            client.send("GET \(branding)/manifest.json HTTP/1.1\r\nHost: localhost\r\n\r\n")
            let response = try client.readResponse()
            XCTAssertEqual(response.status, 200)
            XCTAssertNil(response.header("Connection"))
        }
        client.send("GET \(branding)/manifest.json HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        XCTAssertEqual(try client.readResponse().header("Connection"), "close")
        XCTAssertTrue(client.readsEOF())
    }

    func testPipelinedRequestsAreAnsweredInOrder() throws {
        let client = try RawClient(port: port)
        let paths = ["manifest.json", "settings.json", "missing.json", "plugins/demo/icon.svg"]
        client.send(paths.map { "GET \(branding)/\($0) HTTP/1.1\r\nHost: localhost\r\n\r\n" }.joined())
        XCTAssertEqual(try client.readResponse().body, try fixture.bytes("manifest.json"))
        XCTAssertEqual(try client.readResponse().body, try fixture.bytes("settings.json"))
        XCTAssertEqual(try client.readResponse().status, 404)
        XCTAssertEqual(try client.readResponse().body, try fixture.bytes("plugins/demo/icon.svg"))
    }

    func testRequestSplitIntoSingleBytesIsAnswered() throws {
        let client = try RawClient(port: port)
        for byte in Array("GET \(branding)/manifest.json HTTP/1.1\r\nHost: localhost\r\n\r\n".utf8) {
            client.send([byte])
        }
        XCTAssertEqual(try client.readResponse().status, 200)
    }

    func testHeadSendsHeadersOnly() throws {
        let client = try RawClient(port: port)
        client.send("HEAD \(branding)/settings.json HTTP/1.1\r\nHost: localhost\r\n\r\n")
        let response = try client.readResponse(head: true)
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.header("Content-Length"), String(try fixture.bytes("settings.json").count))
        // The next response must start right away: a HEAD body would desynchronise it.
        client.send("GET \(branding)/manifest.json HTTP/1.1\r\nHost: localhost\r\n\r\n")
        XCTAssertEqual(try client.readResponse().body, try fixture.bytes("manifest.json"))
    }

    func testConditionalRequestsGet304() throws {
        let first = try get("\(branding)/settings.json")
        let etag = try XCTUnwrap(first.header("ETag"))
        let lastModified = try XCTUnwrap(first.header("Last-Modified"))
        let byTag = try get("\(branding)/settings.json", headers: ["If-None-Match: \(etag)"])
        XCTAssertEqual(byTag.status, 304)
        XCTAssertEqual(byTag.header("ETag"), etag)
        XCTAssertTrue(byTag.body.isEmpty)
        XCTAssertEqual(try get("\(branding)/settings.json", headers: ["If-None-Match: \"other\""]).status, 200)
        XCTAssertEqual(
            try get("\(branding)/settings.json", headers: ["If-Modified-Since: \(lastModified)"]).status, 304)
    }

    func testRangesGet206And416() throws {
        let whole = try fixture.bytes("settings.json")
        let partial = try get("\(branding)/settings.json", headers: ["Range: bytes=2-9"])
        XCTAssertEqual(partial.status, 206)
        XCTAssertEqual(partial.body, Array(whole[2...9]))
        XCTAssertEqual(partial.header("Content-Range"), "bytes 2-9/\(whole.count)")
        let suffix = try get("\(branding)/settings.json", headers: ["Range: bytes=-5"])
        XCTAssertEqual(suffix.body, Array(whole.suffix(5)))
        let beyond = try get("\(branding)/settings.json", headers: ["Range: bytes=99999-"])
        XCTAssertEqual(beyond.status, 416)
        XCTAssertEqual(beyond.header("Content-Range"), "bytes */\(whole.count)")
        let big = try get("\(branding)/big.bin", headers: ["Range: bytes=1048570-1048589"])
        XCTAssertEqual(big.status, 206)
        XCTAssertEqual(big.body, Array(try fixture.bytes("big.bin")[1_048_570...1_048_589]))
    }

    func testLargeFileIsServedWhole() throws {
        let response = try get("\(branding)/big.bin")
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.body, try fixture.bytes("big.bin"))
    }

    func testChangedFileIsNeverServedStale() throws {
        for round in 0..<20 {
            // Same size every time: only the content changes, within the file system's timestamp granularity.
            let text = String(format: "{\"round\": %04d}", round)
            try fixture.write("webapp2/plugins/demo/state.json", text)
            XCTAssertEqual(try get("\(branding)/plugins/demo/state.json").text, text)
        }
    }

    func testHostAllowList() throws {
        XCTAssertEqual(try get("\(branding)/manifest.json", host: "localhost:\(port)").status, 200)
        XCTAssertEqual(try get("\(branding)/manifest.json", host: "[::1]:\(port)").status, 200)
        let refused = try get("\(branding)/manifest.json", host: "evil.example:\(port)")
        XCTAssertEqual(refused.status, 403)
        XCTAssertTrue(refused.text.contains("--allow-host evil.example"), refused.text)
    }

    func testAllowedHostIsAccepted() throws {
        server.stop(graceMilliseconds: 100)
        var configuration = DevServerConfiguration(brandingPath: fixture.base.path, port: 0)
        configuration.allowedHosts = ["dev.example"]
        server = try DevServer(configuration: configuration, log: SilentLog())
        try server.start()
        XCTAssertEqual(try get("\(branding)/manifest.json", host: "dev.example").status, 200)
        XCTAssertEqual(try get("\(branding)/manifest.json", host: "other.example").status, 403)
    }

    func testPathSafety() throws {
        let cases: [(String, Int)] = [
            ("/../../etc/passwd", 400), ("/%2e%2e/%2e%2e/etc/passwd", 400), ("/..%2f..%2fetc/passwd", 400),
            ("/..%5c..%5cetc", 400), ("/.%2e/.%2e/etc/passwd", 400), ("/a%00b", 400), ("/%zz", 400),
            ("/%c0%ae%c0%ae/etc/passwd", 400), ("/.env", 404), ("/.git/config", 404), ("/plugins/.hidden", 404),
            ("/etc-link/passwd", 403), ("/secret.txt", 403), ("/env-link.txt", 404), ("/Settings.JSON", 404),
            ("/empty/", 404), ("/" + String(repeating: "a/", count: 1000), 404),
        ]
        for (path, status) in cases {
            let response = try get(branding + path)
            XCTAssertEqual(response.status, status, "\(path): \(response.text)")
            XCTAssertFalse(response.text.contains("root:"), "\(path) leaked /etc/passwd")
            XCTAssertFalse(response.text.contains("top secret"), "\(path) leaked a file outside the root")
        }
        XCTAssertEqual(try get("\(branding)/inside-link.js").status, 200, "symlinks inside the tree are fine")
        XCTAssertEqual(try get("\(branding)/settings.json?v=3#top").status, 200, "query strings are ignored")
    }

    func testFollowSymlinksAllowsLinksOut() throws {
        server.stop(graceMilliseconds: 100)
        server = try makeServer(followSymlinks: true)
        try server.start()
        XCTAssertEqual(try get("\(branding)/secret.txt").text, "top secret\n")
    }

    func testDirectoriesRedirectAndServeIndexWithoutListings() throws {
        let redirect = try get("\(branding)/docs?x=1")
        XCTAssertEqual(redirect.status, 301)
        XCTAssertEqual(redirect.header("Location"), "\(branding)/docs/?x=1")
        XCTAssertEqual(try get("\(branding)/docs/").text, "<h1>docs</h1>\n")
        XCTAssertEqual(try get("\(branding)/plugins/").status, 404)
        XCTAssertEqual(try get("/webapp2").status, 301)
        XCTAssertEqual(try get("/").header("Location"), "/webapp2/")
    }

    func testShellAndDeepLinks() throws {
        let shell = try get("/webapp2/")
        XCTAssertEqual(shell.status, 200)
        XCTAssertTrue(shell.text.contains("<base href=\"/webapp2/\">"), shell.text)
        XCTAssertEqual(try get("/webapp2/conference/meet?name=Dev").text, shell.text, "SPA deep links get the shell")
        XCTAssertEqual(try get("/webapp2/missing.js").status, 404)
        XCTAssertEqual(try get("/__pexdev/health").text, "{\"status\":\"ok\"}\n")
    }

    func testMethodsOtherThanGetAndHeadAreRefused() throws {
        let client = try RawClient(port: port)
        client.send("DELETE \(branding)/settings.json HTTP/1.1\r\nHost: localhost\r\n\r\n")
        let response = try client.readResponse()
        XCTAssertEqual(response.status, 405)
        XCTAssertEqual(response.header("Allow"), "GET, HEAD")
        let options = try RawClient(port: port)
        options.send("OPTIONS * HTTP/1.1\r\nHost: localhost\r\n\r\n")
        XCTAssertEqual(try options.readResponse().status, 400)
    }

    func testMalformedRequestGets400AndClose() throws {
        let client = try RawClient(port: port)
        client.send([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xFC, 0x03, 0x03])
        let response = try client.readResponse()
        XCTAssertEqual(response.status, 400)
        XCTAssertEqual(response.header("Connection"), "close")
        XCTAssertTrue(client.readsEOF())
    }

    func testIPv6LoopbackBind() throws {
        server.stop(graceMilliseconds: 100)
        server = try DevServer(
            configuration: DevServerConfiguration(brandingPath: fixture.base.path, host: "::1", port: 0),
            log: SilentLog())
        try server.start()
        let client = try RawClient(port: port, host: "::1")
        client.send("GET \(branding)/manifest.json HTTP/1.1\r\nHost: [::1]:\(port)\r\n\r\n")
        XCTAssertEqual(try client.readResponse().status, 200)
        XCTAssertTrue(server.bannerLines.joined().contains("http://[::1]:\(port)/webapp2/"))
    }

    func testCurlAsARealClient() throws {
        guard let curl = which("curl") else {
            throw XCTSkip("curl is not installed (apt-get install -y curl); .ci/run installs it")
        }
        let url = "http://127.0.0.1:\(port)\(branding)/settings.json"
        let output = try runTool(curl, ["-sS", "--fail", "-D", "-", url, url])
        XCTAssertTrue(output.contains("HTTP/1.1 200 OK"), output)
        XCTAssertTrue(output.contains("demo-1.0"), output)
        XCTAssertFalse(output.contains("Connection: close"), "curl reuses the connection: \(output)")
        let ranged = try runTool(curl, ["-sS", "-r", "0-1", url])
        XCTAssertEqual(ranged, "{\"")
    }
}

func which(_ name: String) -> String? {
    for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
        let path = "\(dir)/\(name)"
        if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
}

func runTool(_ executable: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}

/// What `serve` says at start about risky settings, and the check report it keeps for the shell.
final class ServeStartWarningTests: XCTestCase {
    func testNonLoopbackBindIsWarnedAndBrokenManifestIsDiagnosed() throws {
        let fixture = try BrandingFixture()
        try fixture.write("webapp2/manifest.json", "{\"brandingID\": \"1\",\n \"isSettingsBranded\": true,\n}\n")
        let server = try DevServer(
            configuration: DevServerConfiguration(brandingPath: fixture.base.path, host: "0.0.0.0", port: 0),
            log: SilentLog())
        try server.start()
        defer { server.stop(graceMilliseconds: 0) }
        let warnings = server.startWarnings.joined(separator: "\n")
        XCTAssertTrue(warnings.contains("listening on 0.0.0.0, not loopback"), warnings)
        XCTAssertTrue(server.bannerLines[0].hasSuffix("(manifest.json has problems)"), server.bannerLines[0])
        XCTAssertEqual(
            server.bannerLines[1], "  app       http://127.0.0.1:\(server.port)/webapp2/?conference=meet&name=Dev")

        let client = try RawClient(port: server.port)
        client.send("GET /__pexdev/diagnostics HTTP/1.1\r\nHost: localhost\r\n\r\n")
        let response = try client.readResponse()
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.header("Content-Type"), "application/json; charset=utf-8")
        let payload = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
        let diagnostics = try XCTUnwrap(payload["diagnostics"] as? [[String: Any]])
        XCTAssertTrue(
            diagnostics.contains { $0["code"] as? String == "PEX001" && $0["file"] as? String == "manifest.json" },
            response.text)
    }

    func testDiagnosticsRefuseForeignOrigins() throws {
        let fixture = try BrandingFixture()
        let server = try DevServer(
            configuration: DevServerConfiguration(brandingPath: fixture.base.path, port: 0), log: SilentLog())
        try server.start()
        defer { server.stop(graceMilliseconds: 0) }
        let foreign = try RawClient(port: server.port)
        foreign.send(
            "GET /__pexdev/diagnostics HTTP/1.1\r\nHost: localhost:\(server.port)\r\nOrigin: https://evil.example\r\n\r\n"
        )
        XCTAssertEqual(try foreign.readResponse().status, 403)
        let same = try RawClient(port: server.port)
        same.send(
            "GET /__pexdev/diagnostics HTTP/1.1\r\nHost: localhost:\(server.port)\r\n"
                + "Origin: http://localhost:\(server.port)\r\n\r\n")
        XCTAssertEqual(try same.readResponse().status, 200)
        let post = try RawClient(port: server.port)
        post.send("POST /__pexdev/diagnostics HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n")
        XCTAssertEqual(try post.readResponse().status, 405)
    }

    func testDiagnosticsFollowChangesToTheTree() throws {
        let fixture = try BrandingFixture()
        let server = try DevServer(
            configuration: DevServerConfiguration(brandingPath: fixture.base.path, port: 0), log: SilentLog())
        try server.start()
        defer { server.stop(graceMilliseconds: 0) }
        try fixture.write("webapp2/settings.json", "{\"plugins\": [,]}")
        let deadline = Date().addingTimeInterval(5)
        var text = ""
        while Date() < deadline {
            let client = try RawClient(port: server.port)
            client.send("GET /__pexdev/diagnostics HTTP/1.1\r\nHost: localhost\r\n\r\n")
            text = try client.readResponse().text
            if text.contains("\"file\" : \"settings.json\"") && text.contains("PEX001") { break }
            usleep(100_000)
        }
        XCTAssertTrue(text.contains("PEX001"), "the broken settings.json never showed up: \(text)")
    }
}
