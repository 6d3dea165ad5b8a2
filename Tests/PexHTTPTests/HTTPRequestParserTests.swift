import XCTest

@testable import PexHTTP

/// The parser's state across calls: what a connection asks it between reads. The byte-level outcomes are in
/// `ParserCatalogueTests`.
final class HTTPRequestParserTests: XCTestCase {
    /// Catalogue 1: a first byte that cannot start a method fails at once, not after a header timeout.
    func testNonHTTPFailsOnTheFirstByte() {
        let firstBytes: [(name: String, byte: UInt8)] = [
            ("TLS handshake record (0x16)", 0x16),
            ("SSLv2-style hello (0x80)", 0x80),
            ("NUL", 0x00),
            ("space", 0x20),
            ("open brace (JSON)", UInt8(ascii: "{")),
            ("0xFF", 0xFF),
        ]
        for (name, byte) in firstBytes {
            var parser = HTTPRequestParser()
            parser.append([byte])
            XCTAssertThrowsError(try parser.next(), name) { error in
                XCTAssertEqual((error as? HTTPError)?.status, .badRequest, name)
            }
        }
    }

    func testTLSRefusalSaysWhatIsWrong() {
        var parser = HTTPRequestParser()
        parser.append([0x16, 0x03, 0x01])
        XCTAssertThrowsError(try parser.next()) { error in
            XCTAssertTrue((error as? HTTPError)?.message.contains("TLS") ?? false, "\(error)")
        }
    }

    /// Catalogue 1 says [400, close]. A client that sends one malformed line and then waits for an answer (an SSH
    /// client reading the server's banner, an HTTP/0.9-style `GET /`) must get its 400 when that line ends, not a
    /// 408 after the header timeout: no header can make a request line without a version valid.
    func testARequestLineWithoutVersionFailsWhenItsLineEnds() {
        let lines = [
            ("SSH client banner", "SSH-2.0-OpenSSH_9.6\r\n"),
            ("HTTP/0.9-style request", "GET /\r\n"),
            ("bare LF, no version", "GET /index.html\n"),
        ]
        for (name, line) in lines {
            var parser = HTTPRequestParser()
            parser.append(bytes(line))
            XCTAssertThrowsError(try parser.next(), "\(name): waits for headers instead of answering 400") { error in
                XCTAssertEqual((error as? HTTPError)?.status, .badRequest, name)
            }
        }
    }

    func testAValidFirstByteWaitsForMore() throws {
        for first in ["G", "\r", "\n", "g", "M"] {
            var parser = HTTPRequestParser()
            parser.append(bytes(first))
            XCTAssertNil(try parser.next(), first.debugDescription)
        }
    }

    /// Catalogue 12: the head alone asks for `100 Continue`; the request comes once the body has arrived.
    func testExpectContinueIsRaisedAfterTheHeadAndClearedByTheBody() throws {
        var parser = HTTPRequestParser()
        parser.append(bytes("PUT /f HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n"))
        XCTAssertNil(try parser.next())
        XCTAssertTrue(parser.expectsContinue)
        XCTAssertTrue(parser.isInsideRequest)
        XCTAssertFalse(parser.isReadingHead)

        parser.acknowledgeContinue()
        XCTAssertFalse(parser.expectsContinue, "100 Continue is sent once")

        parser.append(bytes("hel"))
        XCTAssertNil(try parser.next())
        parser.append(bytes("lo"))
        let request = try XCTUnwrap(try parser.next())
        XCTAssertEqual(request.method, "PUT")
        XCTAssertEqual(request.body, bytes("hello"))
        XCTAssertFalse(parser.expectsContinue)
        XCTAssertTrue(parser.isReadingHead)
        XCTAssertFalse(parser.isInsideRequest)
    }

    func testExpectContinueIsClearedWhenTheBodyArrivesUnasked() throws {
        var parser = HTTPRequestParser()
        parser.append(bytes("PUT /f HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n"))
        XCTAssertNil(try parser.next())
        XCTAssertTrue(parser.expectsContinue)
        parser.append(bytes("hello"))
        XCTAssertNotNil(try parser.next())
        XCTAssertFalse(parser.expectsContinue, "a request already complete needs no 100 Continue")
    }

    func testExpectContinueForAChunkedBody() throws {
        var parser = HTTPRequestParser()
        parser.append(
            bytes("POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-Continue\r\nTransfer-Encoding: chunked\r\n\r\n"))
        XCTAssertNil(try parser.next())
        XCTAssertTrue(parser.expectsContinue, "the expectation token is case-insensitive")
        parser.append(bytes("3\r\nabc\r\n0\r\n\r\n"))
        XCTAssertEqual(try parser.next()?.body, bytes("abc"))
    }

    /// Nothing to wait for: no body, or an HTTP/1.0 client (RFC 9110 §10.1.1: a server must not send 100 to it).
    func testExpectContinueIsNotRaisedWithoutABodyOrForHTTP10() throws {
        var parser = HTTPRequestParser()
        parser.append(bytes("GET / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n\r\n"))
        XCTAssertNotNil(try parser.next())
        XCTAssertFalse(parser.expectsContinue)

        var old = HTTPRequestParser()
        old.append(bytes("PUT / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n"))
        XCTAssertNil(try old.next())
        XCTAssertFalse(old.expectsContinue)
    }

    func testInsideRequestAndReadingHeadTrackTheConnectionState() throws {
        var parser = HTTPRequestParser()
        XCTAssertFalse(parser.isInsideRequest, "a fresh connection is idle")
        XCTAssertTrue(parser.isReadingHead)

        parser.append(bytes("G"))
        XCTAssertNil(try parser.next())
        XCTAssertTrue(parser.isInsideRequest, "one byte of a request starts the header timeout")
        XCTAssertTrue(parser.isReadingHead)

        parser.append(bytes("ET / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\na"))
        XCTAssertNil(try parser.next())
        XCTAssertTrue(parser.isInsideRequest)
        XCTAssertFalse(parser.isReadingHead, "reading a body")

        parser.append(bytes("bc"))
        XCTAssertEqual(try parser.next()?.body, bytes("abc"))
        XCTAssertFalse(parser.isInsideRequest, "back to idle after a complete request")
        XCTAssertTrue(parser.isReadingHead)
        XCTAssertEqual(parser.bufferedCount, 0)
    }

    func testBlankLinesBetweenRequestsKeepTheConnectionIdle() throws {
        var parser = HTTPRequestParser()
        parser.append(bytes("\r\n\r\n\n"))
        XCTAssertNil(try parser.next())
        XCTAssertFalse(parser.isInsideRequest, "empty lines before a request are dropped (RFC 9112 §2.2)")
    }

    func testRequestsAreReturnedOneAtATime() throws {
        var parser = HTTPRequestParser()
        parser.append(bytes("GET /1 HTTP/1.1\r\nHost: x\r\n\r\nGET /2 HTTP/1.1\r\nHost: x\r\n\r\nGET /3 HTTP/1.1\r\n"))
        XCTAssertEqual(try parser.next()?.target, "/1")
        XCTAssertEqual(try parser.next()?.target, "/2")
        XCTAssertNil(try parser.next(), "the third head is not complete yet")
        XCTAssertTrue(parser.isInsideRequest)
        parser.append(bytes("Host: x\r\n\r\n"))
        XCTAssertEqual(try parser.next()?.target, "/3")
    }

    func testParsedRequestSplitsPathAndQuery() throws {
        var parser = HTTPRequestParser()
        parser.append(bytes("GET /webapp2/app.js?v=3&x=%20#frag HTTP/1.1\r\nHost: x\r\n\r\n"))
        let request = try XCTUnwrap(try parser.next())
        XCTAssertEqual(request.target, "/webapp2/app.js?v=3&x=%20#frag")
        XCTAssertEqual(request.path, "/webapp2/app.js")
        XCTAssertEqual(request.query, "v=3&x=%20#frag")
        XCTAssertFalse(request.isHead)
    }

    func testCustomLimitsAreHonoured() {
        var limits = HTTPParserLimits()
        limits.requestLine = 64
        limits.headerBytes = 128
        limits.headerCount = 3
        limits.method = 4
        limits.chunkLine = 16
        let cases: [(name: String, raw: String, status: HTTPStatus?)] = [
            (
                "request line within 64 bytes",
                "GET /" + String(repeating: "a", count: 40) + " HTTP/1.1\r\nHost: x\r\n\r\n", nil
            ),
            (
                "request line over 64 bytes",
                "GET /" + String(repeating: "a", count: 60) + " HTTP/1.1\r\nHost: x\r\n\r\n",
                .uriTooLong
            ),
            ("3 header fields", "GET / HTTP/1.1\r\nHost: x\r\nA: 1\r\nB: 2\r\n\r\n", nil),
            ("4 header fields", "GET / HTTP/1.1\r\nHost: x\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", .headerFieldsTooLarge),
            (
                "headers over 128 bytes",
                "GET / HTTP/1.1\r\nHost: x\r\nA: " + String(repeating: "v", count: 130) + "\r\n\r\n",
                .headerFieldsTooLarge
            ),
            ("4-byte method", "POST / HTTP/1.1\r\nHost: x\r\n\r\n", nil),
            ("5-byte method", "PATCH / HTTP/1.1\r\nHost: x\r\n\r\n", .badRequest),
            (
                "chunk line within 16 bytes",
                "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n1;a=b\r\nx\r\n0\r\n\r\n",
                nil
            ),
            (
                "chunk line over 16 bytes",
                "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n1;" + String(repeating: "e", count: 30)
                    + "\r\nx\r\n0\r\n\r\n", .badRequest
            ),
        ]
        for (name, raw, status) in cases {
            let run = feedWhole(bytes(raw), limits: limits)
            XCTAssertEqual(run.errorCode, status?.code, name)
            XCTAssertEqual(run.requests.count, status == nil ? 1 : 0, name)
        }
    }

    func testDefaultBodyLimitIsOneMebibyte() {
        let limit = HTTPParserLimits().body
        XCTAssertEqual(limit, 1 << 20)
        let atLimit = feedWhole(
            bytes("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: \(limit)\r\n\r\n")
                + [UInt8](repeating: 0x61, count: limit))
        XCTAssertEqual(atLimit.requests.first?.body.count, limit)
        let over = feedWhole(bytes("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: \(limit + 1)\r\n\r\n"))
        XCTAssertEqual(over.errorCode, 413, "refused from the head, before any body byte is buffered")
    }

    /// Limits (security.md item 6): 100,000 empty lines in 1 KiB writes are dropped as they come, never accumulated.
    func testEndlessBlankLinesDoNotAccumulate() throws {
        var parser = HTTPRequestParser()
        let kib = [UInt8](repeating: 0x0A, count: 1024)
        for _ in 0..<100 {
            parser.append(kib)
            XCTAssertNil(try parser.next())
            XCTAssertEqual(parser.bufferedCount, 0)
        }
    }

    /// Catalogue 11: a second request whose head straddles two reads, after a first request of more than 4 KiB
    /// (enough consumed bytes for the parser to compact its buffer on the next append). Every split point must
    /// give the same two requests. Run in a child process: today this input traps.
    func testPipelinedRequestAfterALargeBodySurvivesBufferCompaction() {
        let body = String(repeating: "b", count: 5000)
        let raw = bytes(
            "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n" + body
                + "GET /next HTTP/1.1\r\nHost: x\r\nAccept: */*\r\n\r\n")
        let expected = ParserRun(requests: [
            ParsedRequest("POST", "/upload", headers: ["Host: x", "Content-Length: 5000"], body: body),
            ParsedRequest("GET", "/next", headers: ["Host: x", "Accept: */*"]),
        ])
        runInChildProcess {
            for split in 1..<raw.count {
                let run = feedSplit(raw, at: split, limits: HTTPParserLimits())
                if run != expected {
                    XCTFail("split at byte \(split) gave \(run)")
                    return
                }
            }
        }
    }

    /// The same compaction hazard reached with more than 4 KiB of blank lines before a request line.
    func testRequestAfterManyBlankLinesSurvivesBufferCompaction() {
        let raw = bytes(String(repeating: "\r\n", count: 2100) + "GET /late HTTP/1.1\r\nHost: x\r\n\r\n")
        let expected = ParserRun(requests: [ParsedRequest("GET", "/late", headers: ["Host: x"])])
        runInChildProcess {
            // Split points inside the request's head; the blank lines before it cannot be split differently.
            for split in 4200..<raw.count {
                let run = feedSplit(raw, at: split, limits: HTTPParserLimits())
                if run != expected {
                    XCTFail("split at byte \(split) gave \(run)")
                    return
                }
            }
        }
    }
}
