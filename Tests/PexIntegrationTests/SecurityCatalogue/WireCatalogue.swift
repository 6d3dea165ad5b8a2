/// Raw-bytes cases of security.md items 1–22 sent to a real `DevServer` over loopback (its default limits:
/// request line 8 KiB, headers 16 KiB or 100 fields, body 1 MiB). Every response body is also checked for
/// the contents of /etc/passwd and of the fixture's secret outside the root.
enum WireCatalogue {
    static let branding = "/webapp2/custom_configuration"
    static let token = "/api/client/v2/conferences/meet/request_token"
    static let health = "/__pexdev/health"
    private static let kib64 = 64 * 1024

    /// What a browser sends when told `https://` on the plain port: a TLS record (type 0x16) with a ClientHello.
    static let tlsClientHello: [UInt8] =
        [0x16, 0x03, 0x01, 0x00, 0x2F, 0x01, 0x00, 0x00, 0x2B, 0x03, 0x03] + Array(repeating: 0x42, count: 32)
        + [0x00, 0x00, 0x02, 0x13, 0x01, 0x01, 0x00, 0x0D, 0x0A, 0x0D, 0x0A]

    private static func post(_ headers: String, _ body: String = "") -> WireStep {
        .send("POST \(token) HTTP/1.1\r\nHost: localhost\r\n\(headers)\r\n\(body)")
    }

    static let framing: [WireCase] = [
        // 1
        .init(
            1, "request line without a version",
            [.send("GET \(health)\r\nHost: localhost\r\n\r\n"), .expect(400), .expectClosed]),
        .init(
            1, "request line with only a method",
            [.send("GET\r\nHost: localhost\r\n\r\n"), .expect(400), .expectClosed]),
        .init(
            1, "garbage binary bytes",
            [.send([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x0D, 0x0A, 0x0D, 0x0A]), .expect(400), .expectClosed]),
        .init(1, "garbage text", [.send("this is not http at all\r\n\r\n"), .expect(400), .expectClosed]),
        .init(1, "TLS ClientHello on the plain port", [.send(tlsClientHello), .expect(400), .expectClosed]),
        // 2
        .init(
            2, "request line of 64 KiB",
            [
                .send("GET /" + String(repeating: "a", count: kib64) + " HTTP/1.1\r\nHost: localhost\r\n\r\n"),
                .expect(414),
                .expectClosed,
            ]),
        .get(
            2, "request line of 8,000 bytes (a long query) is still read",
            "\(health)?x=" + String(repeating: "a", count: 7_950), .expect(200), .expectStillServing),
        // 3
        .init(
            3, "200 header fields",
            [
                .send(
                    "GET \(health) HTTP/1.1\r\nHost: localhost\r\n" + (1...199).map { "X-H\($0): v\r\n" }.joined()
                        + "\r\n"),
                .expect(431), .expectClosed,
            ]),
        .init(
            3, "one 64 KiB header field",
            [
                .send(
                    "GET \(health) HTTP/1.1\r\nHost: localhost\r\nX-Big: " + String(repeating: "b", count: kib64)
                        + "\r\n\r\n"),
                .expect(431), .expectClosed,
            ]),
        .init(
            3, "99 header fields besides Host are still accepted",
            [
                .send(
                    "GET \(health) HTTP/1.1\r\nHost: localhost\r\n" + (1...99).map { "X-H\($0): v\r\n" }.joined()
                        + "\r\n"),
                .expect(200), .expectStillServing,
            ]),
        // 4
        .init(
            4, "space before the colon",
            [.send("GET \(health) HTTP/1.1\r\nHost : localhost\r\n\r\n"), .expect(400), .expectClosed]),
        .init(
            4, "obs-fold continuation line",
            [
                .send("GET \(health) HTTP/1.1\r\nHost: localhost\r\nX-A: one\r\n two\r\n\r\n"), .expect(400),
                .expectClosed,
            ]),
        .init(
            4, "obs-fold with a tab",
            [
                .send("GET \(health) HTTP/1.1\r\nHost: localhost\r\nX-A: one\r\n\ttwo\r\n\r\n"), .expect(400),
                .expectClosed,
            ]),
        // 5
        .init(
            5, "Content-Length and Transfer-Encoding together",
            [post("Content-Length: 3\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n"), .expect(400), .expectClosed]),
        .init(
            5, "a good request, then one smuggling with both: the first is answered, then 400 and close",
            [
                .send("GET \(health) HTTP/1.1\r\nHost: localhost\r\n\r\n"),
                post(
                    "Content-Length: 6\r\nTransfer-Encoding: chunked\r\n",
                    "0\r\n\r\nGET \(health) HTTP/1.1\r\nHost: localhost\r\n\r\n"),
                .expect(200), .expect(400), .expectClosed,
            ]),
        // 6
        .init(
            6, "two different Content-Length values",
            [post("Content-Length: 5\r\nContent-Length: 6\r\n", "hello!"), .expect(400), .expectClosed]),
        .init(
            6, "Content-Length list `5, 6`", [post("Content-Length: 5, 6\r\n", "hello!"), .expect(400), .expectClosed]),
        .init(6, "negative Content-Length", [post("Content-Length: -1\r\n"), .expect(400), .expectClosed]),
        .init(
            6, "hexadecimal Content-Length",
            [post("Content-Length: 0x10\r\n", "0123456789abcdef"), .expect(400), .expectClosed]),
        .init(6, "Content-Length `1e3`", [post("Content-Length: 1e3\r\n"), .expect(400), .expectClosed]),
        // 7
        .init(
            7, "Transfer-Encoding `gzip, chunked`",
            [post("Transfer-Encoding: gzip, chunked\r\n", "0\r\n\r\n"), .expect([400, 501]), .expectClosed]),
        .init(
            7, "Transfer-Encoding `chunked, chunked`",
            [post("Transfer-Encoding: chunked, chunked\r\n", "0\r\n\r\n"), .expect([400, 501]), .expectClosed]),
        .init(
            7, "`chunked` in two Transfer-Encoding fields",
            [
                post("Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n"), .expect([400, 501]),
                .expectClosed,
            ]),
        .init(
            7, "unknown coding alone",
            [post("Transfer-Encoding: foo\r\n", "0\r\n\r\n"), .expect([400, 501]), .expectClosed]),
        // 8
        .init(
            8, "chunk size `zz`",
            [post("Transfer-Encoding: chunked\r\n", "zz\r\nhello\r\n0\r\n\r\n"), .expect(400), .expectClosed]),
        .init(
            8, "chunk extension of 64 KiB",
            [
                post(
                    "Transfer-Encoding: chunked\r\n",
                    "5;ext=" + String(repeating: "e", count: kib64) + "\r\nhello\r\n0\r\n\r\n"),
                .expect(400), .expectClosed,
            ]),
        .init(
            8, "missing CRLF after the chunk data",
            [post("Transfer-Encoding: chunked\r\n", "5\r\nhelloXX\r\n0\r\n\r\n"), .expect(400), .expectClosed]),
        // 9
        .init(
            9, "Content-Length of 2 MiB on the mock's request_token (1 MiB limit)",
            [post("Content-Length: 2097152\r\n"), .expect(413), .expectClosed]),
        .init(
            9, "chunked body over 1 MiB on the mock's request_token",
            [
                post(
                    "Transfer-Encoding: chunked\r\n",
                    "100000\r\n" + String(repeating: "u", count: 1 << 20) + "\r\n10\r\n"
                        + String(repeating: "v", count: 16) + "\r\n0\r\n\r\n"), .expect(413), .expectClosed,
            ]),
        .init(
            9, "CSP report of 100 KiB (64 KiB limit)",
            [
                .send(
                    "POST /__pexdev/csp-report HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/csp-report\r\n"
                        + "Content-Length: 102400\r\n\r\n" + String(repeating: "r", count: 102_400)), .expect(413),
            ]),
        // 10
        .init(
            10, "bare LF line endings are tolerated, the connection stays in step",
            [.send("GET \(health) HTTP/1.1\nHost: localhost\n\n"), .expect(200), .expectStillServing]),
        .init(
            10, "two pipelined bare-LF requests",
            [
                .send("GET \(health) HTTP/1.1\nHost: localhost\n\nGET /nowhere HTTP/1.1\nHost: localhost\n\n"),
                .expect(200),
                .expect(404), .expectStillServing,
            ]),
        .init(
            10, "bare-LF POST with a body, then a CRLF GET",
            [
                .send(
                    "POST \(token) HTTP/1.1\nHost: localhost\nContent-Length: 4\n\n{bad"
                        + "GET \(health) HTTP/1.1\r\nHost: localhost\r\n\r\n"), .expect(400), .expect(200),
            ]),
        // 11
        .init(
            11, "four pipelined requests in one packet, answered in order",
            [
                .send(
                    ["\(health)", "/nowhere", "/", "\(branding)/manifest.json"].map {
                        "GET \($0) HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    }.joined()), .expect(200), .expect(404), .expect(301), .expectFile("manifest.json"),
            ]),
        .init(
            11, "a request in 1-byte writes",
            [
                .sendBytewise("GET \(branding)/settings.json HTTP/1.1\r\nHost: localhost\r\n\r\n"),
                .expectFile("settings.json"),
                .expectStillServing,
            ]),
        .init(
            11, "a POST with its body and a GET in 1-byte writes",
            [
                .sendBytewise(
                    "POST \(token) HTTP/1.1\r\nHost: localhost\r\nContent-Length: 23\r\n\r\n{\"display_name\": \"Dev\"}"
                        + "GET \(branding)/manifest.json HTTP/1.1\r\nHost: localhost\r\n\r\n"), .expect(200),
                .expectFile("manifest.json"),
            ]),
        // 12
        .init(
            12, "Expect: 100-continue gets 100, then the final response",
            [
                post("Expect: 100-continue\r\nContent-Length: 23\r\n"), .expect(100),
                .send("{\"display_name\": \"Dev\"}"),
                .expect(200), .expectStillServing,
            ]),
        .init(
            12, "an unknown expectation gets 417",
            [post("Expect: teapot\r\nContent-Length: 23\r\n", "{\"display_name\": \"Dev\"}"), .expect(417)]),
        // 13
        .init(
            13, "HTTP/1.0 without Host is answered, then closed",
            [.send("GET \(health) HTTP/1.0\r\n\r\n"), .expect(200), .expectClosed]),
        .init(13, "HTTP/1.1 without Host", [.send("GET \(health) HTTP/1.1\r\n\r\n"), .expect(400), .expectClosed]),
        .init(
            13, "HTTP/1.1 with two Host fields",
            [
                .send("GET \(health) HTTP/1.1\r\nHost: localhost\r\nHost: evil.example\r\n\r\n"), .expect(400),
                .expectClosed,
            ]),
        // 14: pexdev's answers within the catalogue's 405/501/400 (a foreign Host is refused first, 403).
        .init(
            14, "OPTIONS *",
            [.send("OPTIONS * HTTP/1.1\r\nHost: localhost\r\n\r\n"), .expect(400), .expectStillServing]),
        .init(
            14, "OPTIONS on a file",
            [.send("OPTIONS \(branding)/settings.json HTTP/1.1\r\nHost: localhost\r\n\r\n"), .expect(405)]),
        .init(
            14, "TRACE on a file",
            [.send("TRACE \(branding)/settings.json HTTP/1.1\r\nHost: localhost\r\n\r\n"), .expect(405)]),
        .init(14, "TRACE / (a redirect)", [.send("TRACE / HTTP/1.1\r\nHost: localhost\r\n\r\n"), .expect(405)]),
        .init(
            14, "TRACE on the health endpoint",
            [.send("TRACE \(health) HTTP/1.1\r\nHost: localhost\r\n\r\n"), .expect(405)]),
        .init(
            14, "TRACE on the mock's API",
            [.send("TRACE \(token) HTTP/1.1\r\nHost: localhost\r\n\r\n"), .expect(405)]),
        .init(
            14, "CONNECT with a foreign Host",
            [.send("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n"), .expect(403)]),
        .init(
            14, "CONNECT with a loopback Host",
            [.send("CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: localhost\r\n\r\n"), .expect(400), .expectStillServing]),
        .init(
            14, "lower-case `get` on a file",
            [.send("get \(branding)/settings.json HTTP/1.1\r\nHost: localhost\r\n\r\n"), .expect(405)]),
        .init(14, "GET *", [.send("GET * HTTP/1.1\r\nHost: localhost\r\n\r\n"), .expect(400)]),
        .init(
            14, "1 KiB method",
            [
                .send(String(repeating: "M", count: 1024) + " / HTTP/1.1\r\nHost: localhost\r\n\r\n"), .expect(400),
                .expectClosed,
            ]),
        // 15
        .get(15, "absolute-form to another host is never proxied", "http://evil/", .expect([400, 404])),
        .get(
            15, "absolute-form to pexdev itself is not a path into the tree", "http://127.0.0.1\(health)",
            .expect([400, 404])),
        .init(
            15, "absolute-form with a foreign Host",
            [.send("GET http://evil/ HTTP/1.1\r\nHost: evil\r\n\r\n"), .expect([400, 403])]),
    ]

    /// Paths against the fixture tree (BrandingFixture plus `CatalogueWireTests`' additions). 404 or 400 for
    /// traversal, 403 for symlinks leaving the tree, 404 for dotfiles and case variants.
    static let paths: [WireCase] = {
        let b = branding
        var cases: [WireCase] = []
        func path(_ item: Int, _ name: String, _ target: String, _ statuses: [Int]) {
            cases.append(.get(item, name, target, .expect(statuses)))
        }
        // 16
        for raw in [
            "/../etc/passwd", "/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
            "/%252e%252e/%252e%252e/etc/passwd",
            "/..%2f..%2f..%2fetc/passwd", "/..%5c..%5c..%5cetc/passwd", "/.%2e/.%2e/.%2e/etc/passwd",
            "/..\\..\\..\\etc\\passwd", "/plugins/../../outside/secret.txt",
            "/plugins/%2e%2e/%2e%2e/outside/secret.txt",
        ] {
            path(16, "`\(raw)` under the branding mount", b + raw, [400, 404])
        }
        for raw in ["/../etc/passwd", "/%2e%2e/etc/passwd", "/..%2fetc/passwd", "/webapp2/..%5c..%5cetc/passwd"] {
            path(16, "`\(raw)` at the top", raw, [400, 404])
        }
        // 17
        for raw in [
            "/a%00b", "/settings.json%00.js", "/%00", "/%zz", "/a%", "/a%2", "/%c0%ae%c0%ae/etc/passwd", "/%c0%af",
        ] {
            path(17, "`\(raw)`", b + raw, [400])
        }
        // 18
        path(18, "symlink to /etc, a file through it", b + "/etc-link/passwd", [403])
        path(18, "symlink to /etc itself", b + "/etc-link/", [403, 404])
        path(18, "symlink to a folder outside (like ~), a file through it", b + "/home-link/secret.txt", [403])
        path(18, "symlink to a file outside", b + "/secret.txt", [403])
        // 19
        for raw in [
            "/.git/config", "/.git/", "/.env", "/docs/.hidden", "/.DS_Store", "/%2egit/config", "/env-link.txt",
        ] {
            path(19, "`\(raw)`", b + raw, [404])
        }
        // 20
        path(20, "4,096-character path", b + "/" + String(repeating: "a", count: 4095), [404, 414])
        path(20, "1,000 path segments", b + String(repeating: "/a", count: 1000), [404, 414])
        path(20, "1,000 `..` segments", b + "/a" + String(repeating: "/..", count: 1000), [400, 404, 414])
        // 21
        for raw in ["/Settings.JSON", "/SETTINGS.json", "/Plugins/demo/demo.plugin.js", "/plugins/demo/Demo.plugin.js"]
        {
            path(21, "case variant `\(raw)`", b + raw, [404])
        }
        // 22
        for raw in [
            "/settings.json?v=3", "/settings.json?raw", "/settings.json?import&v=1", "/settings.json#top",
            "/settings.json?v=3#top", "/settings.json?",
        ] {
            cases.append(.get(22, "`\(raw)` is the file itself", b + raw, .expectFile("settings.json")))
        }
        path(22, "a query does not unlock a dotfile: `/.env?raw`", b + "/.env?raw", [404])
        path(22, "a query does not unlock a link outside: `/secret.txt?import`", b + "/secret.txt?import", [403])
        path(22, "a query does not reach a traversal: `/x?/../../etc/passwd`", b + "/x?/../../etc/passwd", [404])
        return cases
    }()

    static var all: [WireCase] { framing + paths }
}
