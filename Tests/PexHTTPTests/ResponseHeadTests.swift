import XCTest

@testable import PexHTTP

/// The status line and headers as written on the wire (`HTTPResponse.head`).
final class ResponseHeadTests: XCTestCase {
    private let date = "Sun, 06 Nov 1994 08:49:37 GMT"

    private func head(_ response: HTTPResponse, keepAlive: Bool = true) -> String {
        String(decoding: response.head(date: date, keepAlive: keepAlive), as: UTF8.self)
    }

    func testOKWithABody() {
        var response = HTTPResponse(status: .ok, body: Array("hello".utf8))
        response.headers.add("Content-Type", "text/plain; charset=utf-8")
        XCTAssertEqual(
            head(response),
            "HTTP/1.1 200 OK\r\nServer: pexdev\r\nDate: \(date)\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: 5\r\n\r\n")
    }

    func testEmptyBodyStillSaysContentLengthZero() {
        XCTAssertEqual(
            head(HTTPResponse(status: .ok)),
            "HTTP/1.1 200 OK\r\nServer: pexdev\r\nDate: \(date)\r\nContent-Length: 0\r\n\r\n")
    }

    func testStatusesWithoutContentLength() {
        // RFC 9110 §8.6: no Content-Length on 1xx, 204 and 304.
        for status in [HTTPStatus.continue, .noContent, .notModified] {
            let text = head(HTTPResponse(status: status, body: Array("ignored".utf8)))
            XCTAssertTrue(text.hasPrefix("HTTP/1.1 \(status.code) \(status.reason)\r\n"), text)
            XCTAssertFalse(text.contains("Content-Length"), "\(status.code): \(text)")
            XCTAssertTrue(text.hasSuffix("\r\n\r\n"), text)
        }
    }

    func testStatusesWithContentLength() {
        let cases: [(status: HTTPStatus, line: String)] = [
            (.partialContent, "HTTP/1.1 206 Partial Content"),
            (.movedPermanently, "HTTP/1.1 301 Moved Permanently"),
            (.notFound, "HTTP/1.1 404 Not Found"),
            (.rangeNotSatisfiable, "HTTP/1.1 416 Range Not Satisfiable"),
            (.headerFieldsTooLarge, "HTTP/1.1 431 Request Header Fields Too Large"),
            (.versionNotSupported, "HTTP/1.1 505 HTTP Version Not Supported"),
        ]
        for (status, line) in cases {
            let text = head(HTTPResponse(status: status, body: Array("abc".utf8)))
            XCTAssertTrue(text.hasPrefix(line + "\r\n"), text)
            XCTAssertTrue(text.hasSuffix("\r\nContent-Length: 3\r\n\r\n"), text)
        }
    }

    func testConnectionCloseWhenNotKeptAlive() {
        XCTAssertEqual(
            head(HTTPResponse(status: .ok, body: Array("x".utf8)), keepAlive: false),
            "HTTP/1.1 200 OK\r\nServer: pexdev\r\nDate: \(date)\r\nContent-Length: 1\r\nConnection: close\r\n\r\n")
        XCTAssertFalse(head(HTTPResponse(status: .ok), keepAlive: true).contains("Connection"))
        XCTAssertTrue(
            head(HTTPResponse(status: .notModified), keepAlive: false).hasSuffix("\r\nConnection: close\r\n\r\n"))
    }

    func testRenderedHeadersFollowTheHeaders() {
        var response = HTTPResponse(status: .ok, body: Array("{}".utf8))
        response.headers.add("X-First", "1")
        response.renderedHeaders = Array("\r\nETag: \"abc\"\r\nCache-Control: no-cache".utf8)
        XCTAssertEqual(
            head(response),
            "HTTP/1.1 200 OK\r\nServer: pexdev\r\nDate: \(date)\r\nX-First: 1\r\nETag: \"abc\"\r\n"
                + "Cache-Control: no-cache\r\nContent-Length: 2\r\n\r\n")
    }

    func testHeadersKeepOrderAndRepeats() {
        var response = HTTPResponse(status: .ok)
        response.headers.add("Set-Cookie", "a=1")
        response.headers.add("Vary", "Origin")
        response.headers.add("Set-Cookie", "b=2")
        XCTAssertTrue(head(response).contains("\r\nSet-Cookie: a=1\r\nVary: Origin\r\nSet-Cookie: b=2\r\n"))
    }

    func testContentLengthDigits() {
        for size in [0, 7, 9, 10, 99, 100, 1234, 65_536, 1_048_576] {
            let text = head(HTTPResponse(status: .ok, body: [UInt8](repeating: 0, count: size)))
            XCTAssertTrue(text.contains("\r\nContent-Length: \(size)\r\n"), "\(size): \(text)")
        }
        for value in [123_456_789, 10_000_000_000, Int.max] {
            var out: [UInt8] = []
            appendDecimal(value, to: &out)
            XCTAssertEqual(String(decoding: out, as: UTF8.self), "\(value)")
        }
    }

    func testErrorResponseIsPlainTextWithItsStatusAndMessage() {
        let error = HTTPError(.methodNotAllowed, "only GET and HEAD", headers: [("Allow", "GET, HEAD")])
        let response = error.response
        XCTAssertEqual(response.status, .methodNotAllowed)
        XCTAssertEqual(response.headers["Content-Type"], "text/plain; charset=utf-8")
        XCTAssertEqual(response.headers["Allow"], "GET, HEAD")
        guard case .bytes(let body) = response.body else { return XCTFail("expected a byte body") }
        XCTAssertEqual(String(decoding: body, as: UTF8.self), "405 Method Not Allowed\n\nonly GET and HEAD\n")
        XCTAssertTrue(head(response).hasSuffix("\r\nContent-Length: \(body.count)\r\n\r\n"))
    }
}
