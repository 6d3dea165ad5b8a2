import Foundation
import XCTest

@testable import PexHTTP

/// One raw input from the bad-input catalogue (spec/security.md items 1–15) and what the parser must make of it.
struct ParserCase: Sendable {
    enum Expected: Sendable {
        case requests([ParsedRequest])
        case error(HTTPStatus)
        case requestsThenError([ParsedRequest], HTTPStatus)
    }

    let name: String
    let raw: [UInt8]
    let limits: HTTPParserLimits
    let expect: Expected

    init(_ name: String, _ raw: [UInt8], limits: HTTPParserLimits = HTTPParserLimits(), _ expect: Expected) {
        self.name = name
        self.raw = raw
        self.limits = limits
        self.expect = expect
    }

    init(_ name: String, _ text: String, limits: HTTPParserLimits = HTTPParserLimits(), _ expect: Expected) {
        self.init(name, bytes(text), limits: limits, expect)
    }

    var expectedRun: ParserRun {
        switch expect {
        case .requests(let requests): return ParserRun(requests: requests)
        case .error(let status): return ParserRun(errorCode: status.code)
        case .requestsThenError(let requests, let status): return ParserRun(requests: requests, errorCode: status.code)
        }
    }
}

/// Shorthands for expected requests.
private func get(_ target: String, _ headers: String..., keepAlive: Bool = true) -> ParsedRequest {
    ParsedRequest("GET", target, headers: headers, keepAlive: keepAlive)
}

private let smallBody: HTTPParserLimits = {
    var limits = HTTPParserLimits()
    limits.body = 1000
    return limits
}()

private let kib64 = 64 * 1024

/// The TLS 1.2 ClientHello a browser sends when told `https://` on the plain port: record type 0x16.
private let tlsClientHello: [UInt8] =
    [0x16, 0x03, 0x01, 0x00, 0x2F, 0x01, 0x00, 0x00, 0x2B, 0x03, 0x03] + Array(repeating: 0x42, count: 32)
    + [0x00, 0x00, 0x02, 0x13, 0x01, 0x01, 0x00, 0x0D, 0x0A, 0x0D, 0x0A]

let parserCatalogue: [ParserCase] = [
    // 1: not HTTP at all.
    .init("catalogue 1: request line without a version → 400", "GET /\r\nHost: x\r\n\r\n", .error(.badRequest)),
    .init("catalogue 1: request line with only a method → 400", "GET\r\nHost: x\r\n\r\n", .error(.badRequest)),
    .init(
        "catalogue 1: garbage binary bytes → 400", [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x0D, 0x0A, 0x0D, 0x0A],
        .error(.badRequest)),
    .init("catalogue 1: garbage text line → 400", "this is not http at all\r\n\r\n", .error(.badRequest)),
    .init("catalogue 1: TLS ClientHello on the plain port → 400", tlsClientHello, .error(.badRequest)),

    // 2: request line length.
    .init(
        "catalogue 2: request line of 64 KiB → 414",
        "GET /" + String(repeating: "a", count: kib64) + " HTTP/1.1\r\nHost: x\r\n\r\n", .error(.uriTooLong)),
    .init(
        "catalogue 2: request line of 8,000 bytes is still accepted",
        "GET /" + String(repeating: "a", count: 7_980) + " HTTP/1.1\r\nHost: x\r\n\r\n",
        .requests([get("/" + String(repeating: "a", count: 7_980), "Host: x")])),

    // 3: header size and count.
    .init(
        "catalogue 3: 200 header fields → 431",
        "GET / HTTP/1.1\r\nHost: x\r\n" + (1...199).map { "X-H\($0): v\r\n" }.joined() + "\r\n",
        .error(.headerFieldsTooLarge)),
    .init(
        "catalogue 3: 100 header fields (the default limit) are accepted",
        "GET / HTTP/1.1\r\nHost: x\r\n" + (1...99).map { "X-H\($0): v\r\n" }.joined() + "\r\n",
        .requests([ParsedRequest("GET", "/", headers: ["Host: x"] + (1...99).map { "X-H\($0): v" })])),
    .init(
        "catalogue 3: one 64 KiB header field → 431",
        "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + String(repeating: "b", count: kib64) + "\r\n\r\n",
        .error(.headerFieldsTooLarge)),

    // 4: header syntax that proxies and servers read differently.
    .init(
        "catalogue 4: space before colon (`Host : x`) → 400", "GET / HTTP/1.1\r\nHost : x\r\n\r\n",
        .error(.badRequest)),
    .init(
        "catalogue 4: space before colon on Transfer-Encoding next to Content-Length → 400",
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding : chunked\r\n\r\n0\r\n\r\n",
        .error(.badRequest)),
    .init(
        "catalogue 4: obs-fold continuation line starting with a space → 400",
        "GET / HTTP/1.1\r\nHost: x\r\nX-A: one\r\n two\r\n\r\n", .error(.badRequest)),
    .init(
        "catalogue 4: obs-fold continuation line starting with a tab → 400",
        "GET / HTTP/1.1\r\nHost: x\r\nX-A: one\r\n\ttwo\r\n\r\n", .error(.badRequest)),
    .init(
        "catalogue 4: header line without a colon → 400", "GET / HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n",
        .error(.badRequest)),
    .init("catalogue 4: empty header name → 400", "GET / HTTP/1.1\r\nHost: x\r\n: v\r\n\r\n", .error(.badRequest)),

    // 5: ambiguous framing.
    .init(
        "catalogue 5: Content-Length and Transfer-Encoding together → 400",
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        .error(.badRequest)),
    .init(
        "catalogue 5: Transfer-Encoding before Content-Length → 400",
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n",
        .error(.badRequest)),

    // 6: Content-Length values.
    .init(
        "catalogue 6: two different Content-Length headers → 400",
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!", .error(.badRequest)),
    .init(
        "catalogue 6: Content-Length list `5, 6` → 400",
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5, 6\r\n\r\nhello!", .error(.badRequest)),
    .init(
        "catalogue 6: negative Content-Length → 400", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
        .error(.badRequest)),
    .init(
        "catalogue 6: Content-Length `1e3` → 400", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1e3\r\n\r\n",
        .error(.badRequest)),
    .init(
        "catalogue 6: Content-Length `+5` → 400", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: +5\r\n\r\nhello",
        .error(.badRequest)),
    .init(
        "catalogue 6: Content-Length `0x10` → 400",
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0x10\r\n\r\n0123456789abcdef", .error(.badRequest)),
    .init(
        "catalogue 6: empty Content-Length → 400", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: \r\n\r\n",
        .error(.badRequest)),

    // 7: transfer codings.
    .init(
        "catalogue 7: Transfer-Encoding `gzip, chunked` → 501",
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", .error(.notImplemented)),
    .init(
        "catalogue 7: Transfer-Encoding `chunked, chunked` → 400",
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n", .error(.badRequest)),
    .init(
        "catalogue 7: `chunked` in two Transfer-Encoding fields → 400",
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        .error(.badRequest)),
    .init(
        "catalogue 7: unknown coding `foo` alone → 400 (must end with chunked)",
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: foo\r\n\r\n", .error(.badRequest)),
    .init(
        "catalogue 7: `chunked, gzip` → 400 (chunked must be last)",
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n", .error(.badRequest)),
    .init(
        "catalogue 7: Transfer-Encoding in HTTP/1.0 → 400",
        "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", .error(.badRequest)),
    .init(
        "catalogue 7: empty Transfer-Encoding value next to Content-Length → 400 (present but empty is not absent)",
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: \r\nContent-Length: 5\r\n\r\nhello", .error(.badRequest)),
    .init(
        "catalogue 7: upper-case `CHUNKED` is decoded",
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: CHUNKED\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
        .requests([
            ParsedRequest("POST", "/", headers: ["Host: x", "Transfer-Encoding: CHUNKED"], body: "abc")
        ])),

    // 8: chunk framing.
    .init(
        "catalogue 8: chunk size `zz` → 400",
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n", .error(.badRequest)),
    .init(
        "catalogue 8: chunk size with a `0x` prefix → 400",
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0x5\r\nhello\r\n0\r\n\r\n",
        .error(.badRequest)),
    .init(
        "catalogue 8: negative chunk size → 400",
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n-5\r\nhello\r\n0\r\n\r\n", .error(.badRequest)),
    .init(
        "catalogue 8: empty chunk size line → 400",
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n\r\nhello\r\n0\r\n\r\n", .error(.badRequest)),
    .init(
        "catalogue 8: chunk size of 16 hex digits (overflow) → 400",
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffff\r\nx\r\n0\r\n\r\n",
        .error(.badRequest)),
    .init(
        "catalogue 8: chunk extension of 64 KiB → 400",
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=" + String(repeating: "e", count: kib64)
            + "\r\nhello\r\n0\r\n\r\n", .error(.badRequest)),
    .init(
        "catalogue 8: missing CRLF after chunk data → 400",
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhelloXX\r\n0\r\n\r\n",
        .error(.badRequest)),
    .init(
        "catalogue 8: chunk data running straight into the next size line → 400",
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello0\r\n\r\n", .error(.badRequest)),
    .init(
        "catalogue 8: bare CR inside a chunk extension → 400 (RFC 9112 §7.1.1 chunk-ext grammar; nginx refuses it)",
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5;a\rb\r\nhello\r\n0\r\n\r\n",
        .error(.badRequest)),

    // 9: body limit (1000 bytes here).
    .init(
        "catalogue 9: Content-Length 2000 over a 1000-byte limit → 413",
        "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 2000\r\n\r\n" + String(repeating: "u", count: 2000),
        limits: smallBody, .error(.payloadTooLarge)),
    .init(
        "catalogue 9: chunked body over a 1000-byte limit → 413",
        "POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n258\r\n"
            + String(repeating: "u", count: 600) + "\r\n258\r\n" + String(repeating: "v", count: 600) + "\r\n0\r\n\r\n",
        limits: smallBody, .error(.payloadTooLarge)),
    .init(
        "catalogue 9: body of exactly the 1000-byte limit is accepted",
        "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n" + String(repeating: "u", count: 1000),
        limits: smallBody,
        .requests([
            ParsedRequest(
                "POST", "/upload", headers: ["Host: x", "Content-Length: 1000"],
                body: String(repeating: "u", count: 1000))
        ])),

    // 10: bare LF line endings.
    .init(
        "catalogue 10: bare LF line endings are tolerated", "GET /a HTTP/1.1\nHost: x\nAccept: */*\n\n",
        .requests([get("/a", "Host: x", "Accept: */*")])),
    .init(
        "catalogue 10: two pipelined bare-LF requests both parse (no desync)",
        "GET /a HTTP/1.1\nHost: x\n\nGET /b HTTP/1.1\nHost: x\n\n",
        .requests([get("/a", "Host: x"), get("/b", "Host: x")])),
    .init(
        "catalogue 10: bare-LF POST with a body, then a CRLF GET",
        "POST /p HTTP/1.1\nHost: x\nContent-Length: 4\n\nbodyGET /g HTTP/1.1\r\nHost: x\r\n\r\n",
        .requests([
            ParsedRequest("POST", "/p", headers: ["Host: x", "Content-Length: 4"], body: "body"),
            get("/g", "Host: x"),
        ])),

    // 11: pipelining.
    .init(
        "catalogue 11: three pipelined GETs in one packet, answered in order",
        "GET /1 HTTP/1.1\r\nHost: x\r\n\r\nGET /2 HTTP/1.1\r\nHost: x\r\n\r\nGET /3 HTTP/1.1\r\nHost: x\r\n\r\n",
        .requests([get("/1", "Host: x"), get("/2", "Host: x"), get("/3", "Host: x")])),
    .init(
        "catalogue 11: POST with a body followed by a GET",
        "POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\nhello worldGET /g HTTP/1.1\r\nHost: x\r\n\r\n",
        .requests([
            ParsedRequest("POST", "/p", headers: ["Host: x", "Content-Length: 11"], body: "hello world"),
            get("/g", "Host: x"),
        ])),
    .init(
        "catalogue 11: chunked POST followed by a GET",
        "POST /p HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"
            + "GET /g HTTP/1.1\r\nHost: x\r\n\r\n",
        .requests([
            ParsedRequest("POST", "/p", headers: ["Host: x", "Transfer-Encoding: chunked"], body: "hello"),
            get("/g", "Host: x"),
        ])),
    .init(
        "catalogue 11: a valid GET, then a smuggling attempt: the GET is answered, then 400",
        "GET /ok HTTP/1.1\r\nHost: x\r\n\r\nPOST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        .requestsThenError([get("/ok", "Host: x")], .badRequest)),

    // 12: Expect (the staged 100-continue exchange is in HTTPRequestParserTests).
    .init(
        "catalogue 12: `Expect: 100-continue` with the body already sent",
        "PUT /f HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\nhello",
        .requests([
            ParsedRequest(
                "PUT", "/f", headers: ["Host: x", "Expect: 100-continue", "Content-Length: 5"], body: "hello")
        ])),
    .init(
        "catalogue 12: `Expect: something-else` → 417",
        "PUT /f HTTP/1.1\r\nHost: x\r\nExpect: something-else\r\nContent-Length: 5\r\n\r\nhello",
        .error(.expectationFailed)),

    // 13: Host.
    .init(
        "catalogue 13: HTTP/1.0 without Host is accepted and not kept alive", "GET / HTTP/1.0\r\n\r\n",
        .requests([ParsedRequest("GET", "/", minor: 0, headers: [], keepAlive: false)])),
    .init(
        "catalogue 13: HTTP/1.0 with `Connection: keep-alive` is kept alive",
        "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
        .requests([ParsedRequest("GET", "/", minor: 0, headers: ["Connection: keep-alive"], keepAlive: true)])),
    .init("catalogue 13: HTTP/1.1 without Host → 400", "GET / HTTP/1.1\r\nAccept: */*\r\n\r\n", .error(.badRequest)),
    .init(
        "catalogue 13: two Host headers → 400", "GET / HTTP/1.1\r\nHost: localhost\r\nHost: evil.com\r\n\r\n",
        .error(.badRequest)),
    .init(
        "catalogue 13: two Host headers in HTTP/1.0 → 400",
        "GET / HTTP/1.0\r\nHost: localhost\r\nHost: evil.com\r\n\r\n",
        .error(.badRequest)),

    // 14: methods. The parser accepts any valid token; the router and handlers answer 405/501.
    .init(
        "catalogue 14: `OPTIONS *` parses (refused later by the router)", "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n",
        .requests([ParsedRequest("OPTIONS", "*", headers: ["Host: x"])])),
    .init(
        "catalogue 14: TRACE parses (refused later by the router)", "TRACE / HTTP/1.1\r\nHost: x\r\n\r\n",
        .requests([ParsedRequest("TRACE", "/", headers: ["Host: x"])])),
    .init(
        "catalogue 14: `CONNECT example.com:443` parses with target `example.com:443` (refused later by the router)",
        "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n",
        .requests([ParsedRequest("CONNECT", "example.com:443", headers: ["Host: example.com:443"])])),
    .init(
        "catalogue 14: lower-case `get` parses as method `get`", "get / HTTP/1.1\r\nHost: x\r\n\r\n",
        .requests([ParsedRequest("get", "/", headers: ["Host: x"])])),
    .init(
        "catalogue 14: 1 KiB method → 400", String(repeating: "M", count: 1024) + " / HTTP/1.1\r\nHost: x\r\n\r\n",
        .error(.badRequest)),
    .init(
        "catalogue 14: method with a non-token byte → 400", "GE(T / HTTP/1.1\r\nHost: x\r\n\r\n",
        .error(.badRequest)),

    // 15: absolute-form.
    .init(
        "catalogue 15: absolute-form `GET http://evil/` parses with target `http://evil/` (never proxied: the static "
            + "handler refuses it because it does not start with the mount path)",
        "GET http://evil/ HTTP/1.1\r\nHost: evil\r\n\r\n",
        .requests([get("http://evil/", "Host: evil")])),

    // Beyond the catalogue.
    .init("extra: HTTP/2.0 version → 505", "GET / HTTP/2.0\r\nHost: x\r\n\r\n", .error(.versionNotSupported)),
    .init(
        "extra: HTTP/2 connection preface → 505", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", .error(.versionNotSupported)),
    .init("extra: lower-case `http/1.1` → 400", "GET / http/1.1\r\nHost: x\r\n\r\n", .error(.badRequest)),
    .init("extra: trailing space after the version → 400", "GET / HTTP/1.1 \r\nHost: x\r\n\r\n", .error(.badRequest)),
    .init(
        "extra: two spaces between method and target → 400", "GET  / HTTP/1.1\r\nHost: x\r\n\r\n",
        .error(.badRequest)),
    .init(
        "extra: leading blank lines before the request line are skipped", "\r\n\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n",
        .requests([get("/", "Host: x")])),
    .init(
        "extra: chunked body with extensions and trailers is decoded",
        "POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "4;name=value\r\nWiki\r\n5 ; quoted=\"a b\"\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0;last\r\n"
            + "Expires: never\r\nX-Trailer: t\r\n\r\n",
        .requests([
            ParsedRequest(
                "POST", "/c", headers: ["Host: x", "Transfer-Encoding: chunked"], body: "Wikipedia in\r\n\r\nchunks.")
        ])),
    .init(
        "extra: `Connection: close` is not kept alive", "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        .requests([get("/", "Host: x", "Connection: close", keepAlive: false)])),
    .init(
        "extra: `Connection: Upgrade, Close` (any case, in a list) is not kept alive",
        "GET / HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, Close\r\n\r\n",
        .requests([get("/", "Host: x", "Connection: Upgrade, Close", keepAlive: false)])),
    .init(
        "extra: header values are trimmed and header names keep their case",
        "GET / HTTP/1.1\r\nhOsT: \t x \t\r\nX-Empty:\r\n\r\n", .requests([get("/", "hOsT: x", "X-Empty: ")])),
    .init(
        "extra: control character in a header value → 400", "GET / HTTP/1.1\r\nHost: x\r\nX-A: a\u{01}b\r\n\r\n",
        .error(.badRequest)),
    .init(
        "extra: bare CR in a header value → 400", "GET / HTTP/1.1\r\nHost: x\r\nX-A: a\rX-B: b\r\n\r\n",
        .error(.badRequest)),
    .init(
        "extra: CR alone in the middle of the request line → 400", "GET /\r HTTP/1.1\r\nHost: x\r\n\r\n",
        .error(.badRequest)),
    .init("extra: NUL in the request target → 400", "GET /a\u{0}b HTTP/1.1\r\nHost: x\r\n\r\n", .error(.badRequest)),
    .init(
        "extra: non-ASCII byte in the request target → 400", "GET /caf\u{E9} HTTP/1.1\r\nHost: x\r\n\r\n",
        .error(.badRequest)),
]

final class ParserCatalogueTests: XCTestCase {
    func testCatalogueFedWhole() {
        for testCase in parserCatalogue {
            XCTAssertEqual(feedWhole(testCase.raw, limits: testCase.limits), testCase.expectedRun, testCase.name)
        }
    }

    func testCatalogueSplitAtEveryByteBoundary() {
        for testCase in parserCatalogue {
            let expected = testCase.expectedRun
            for split in splitPoints(count: testCase.raw.count) {
                let run = feedSplit(testCase.raw, at: split, limits: testCase.limits)
                if run != expected {
                    // One failure per case is enough to find it; thousands would hide the others.
                    XCTFail("\(testCase.name): split at byte \(split) gave \(run), expected \(expected)")
                    break
                }
            }
        }
    }

    func testCatalogueFedOneByteAtATime() {
        for testCase in parserCatalogue {
            XCTAssertEqual(feedBytewise(testCase.raw, limits: testCase.limits), testCase.expectedRun, testCase.name)
        }
    }

    /// Every byte boundary of inputs up to 4 KiB (all but four cases). The 8,000-byte and 64 KiB inputs cost a
    /// debug-build scan of up to 16 KiB per split, minutes for all their boundaries, so they get every boundary in
    /// their first and last 512 bytes and around the default limits (4, 8 and 16 KiB), and every 97th elsewhere.
    /// `PEXHTTP_EXHAUSTIVE_SPLITS=1` splits them at every boundary too.
    private func splitPoints(count: Int) -> [Int] {
        let all = Array(1..<max(1, count))
        if count <= 4 * 1024 || ProcessInfo.processInfo.environment["PEXHTTP_EXHAUSTIVE_SPLITS"] == "1" { return all }
        let limits = [4 * 1024, 8 * 1024, 16 * 1024]
        return all.filter { split in
            split <= 512 || split >= count - 512 || split % 97 == 0 || limits.contains { abs(split - $0) <= 64 }
        }
    }

    func testCatalogueCoverage() {
        let covered = Set(parserCatalogue.compactMap { catalogueNumber(of: $0.name) })
        for item in 1...15 {
            XCTAssertTrue(covered.contains(item), "security.md catalogue item \(item) has no parser case")
        }
        XCTAssertEqual(Set(parserCatalogue.map(\.name)).count, parserCatalogue.count, "case names must be unique")
    }

    /// `N` from a name starting `catalogue N:`.
    private func catalogueNumber(of name: String) -> Int? {
        let prefix = "catalogue "
        guard name.hasPrefix(prefix) else { return nil }
        let digits = name.dropFirst(prefix.count).prefix { $0.isASCII && $0.isNumber }
        guard name.dropFirst(prefix.count + digits.count).hasPrefix(":") else { return nil }
        return Int(digits)
    }
}
