import XCTest

@testable import PexHTTP

/// Header fields: arrival order kept, names compared ASCII case-insensitively.
final class HTTPHeadersTests: XCTestCase {
    func testLookupIgnoresCaseAndKeepsOrder() {
        var headers = HTTPHeaders([("Host", "x"), ("accept", "a"), ("ACCEPT", "b")])
        XCTAssertEqual(headers["host"], "x")
        XCTAssertEqual(headers["Accept"], "a", "the first value")
        XCTAssertEqual(headers.values("aCCept"), ["a", "b"])
        XCTAssertTrue(headers.contains("HOST"))
        XCTAssertNil(headers["Hos"])
        XCTAssertEqual(headers.count, 3)

        headers.set("Accept", "c")
        XCTAssertEqual(headers.values("accept"), ["c"])
        headers.remove("HOST")
        XCTAssertEqual(headers.fields.map(\.name), ["Accept"])
    }

    func testASCIICaseInsensitiveEquals() {
        let cases: [(a: String, b: String, equal: Bool)] = [
            ("Content-Length", "content-length", true),
            ("TRANSFER-ENCODING", "transfer-encoding", true),
            ("chunked", "chunked", true),
            ("", "", true),
            ("a", "", false),
            ("chunked", "chunke", false),
            ("chunked", "chunkedx", false),
            // Bytes that differ only in bit 0x20 but are not letters are different characters.
            ("@", "`", false),
            ("[", "{", false),
            ("]", "}", false),
            ("^", "~", false),
            ("1", "\u{11}", false),
            ("-", "\r", false),
            // Non-ASCII is compared exactly (no Unicode case folding for tokens).
            ("é", "É", false),
            ("é", "é", true),
            ("K", "\u{212A}", false),  // KELVIN SIGN, which Unicode folds to k.
        ]
        for (a, b, equal) in cases {
            XCTAssertEqual(asciiCaseInsensitiveEquals(a, b), equal, "\(a.debugDescription) vs \(b.debugDescription)")
            XCTAssertEqual(asciiCaseInsensitiveEquals(b, a), equal, "\(b.debugDescription) vs \(a.debugDescription)")
        }
    }
}
