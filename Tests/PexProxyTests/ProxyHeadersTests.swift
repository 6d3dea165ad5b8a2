import PexHTTP
import PexProxy
import XCTest

final class ProxyHeadersTests: XCTestCase {
    private let node = try! NodeAddress(parsing: "https://pexip.example.com")

    func testLocationsOnTheNodeComeBackToTheDevOrigin() {
        let cases: [(String, String)] = [
            ("https://pexip.example.com/webapp2/", "/webapp2/"),
            ("https://PEXIP.example.com", "/"),
            ("https://pexip.example.com:443/x?y=1", "/x?y=1"),
            ("//pexip.example.com/a", "/a"),
            ("https://pexip.example.com?q", "/?q"),
            ("https://pexip.example.com.evil/a", "https://pexip.example.com.evil/a"),
            ("https://other.example/a", "https://other.example/a"),
            ("/relative", "/relative"),
        ]
        for (value, expected) in cases {
            XCTAssertEqual(ProxyHeaders.location(value, node: node), expected, value)
        }
    }

    func testCookiesLoseTheirDomain() {
        XCTAssertEqual(ProxyHeaders.cookie("a=1; Domain=.pexip.example.com; Path=/"), "a=1; Path=/")
        XCTAssertEqual(ProxyHeaders.cookie("a=1;domain=x;Secure"), "a=1;Secure")
        XCTAssertEqual(ProxyHeaders.cookie("domain=1; Path=/"), "domain=1; Path=/")
    }

    func testRequestHeadersForTheNode() {
        var request = HTTPRequest(
            method: "POST", target: "/api/client/v2/x",
            headers: HTTPHeaders([
                ("Host", "127.0.0.1:8080"), ("Connection", "close, X-Private"), ("X-Private", "1"),
                ("Content-Length", "2"), ("Expect", "100-continue"), ("Forwarded", "for=1.2.3.4"), ("pin", "1234"),
            ]))
        request.remoteAddress = "::1"
        let headers = ProxyHeaders.upstream(request, node: node)
        XCTAssertEqual(
            headers.fields.map(\.name),
            [
                "Host", "pin", "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "Accept-Encoding",
            ])
        XCTAssertEqual(headers["Host"], "pexip.example.com")
        XCTAssertEqual(headers["X-Forwarded-For"], "::1")
        XCTAssertEqual(headers["X-Forwarded-Host"], "127.0.0.1:8080")
    }

    func testResponseHeadersForTheBrowser() {
        let headers = ProxyHeaders.downstream(
            HTTPHeaders([
                ("Date", "x"), ("Server", "nginx"), ("Content-Length", "3"), ("Transfer-Encoding", "chunked"),
                ("Connection", "X-Hop"), ("X-Hop", "1"), ("Content-Type", "application/json"),
                ("Location", "https://pexip.example.com/next"),
            ]), node: node)
        XCTAssertEqual(headers.fields.map(\.name), ["Content-Type", "Location", "Via"])
        XCTAssertEqual(headers["Location"], "/next")
    }
}
