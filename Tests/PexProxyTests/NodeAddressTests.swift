import PexProxy
import XCTest

final class NodeAddressTests: XCTestCase {
    func testWhatUsersTypeBecomesOneOrigin() throws {
        let cases: [(String, String, String, String)] = [
            ("https://pexip.example.com", "https://pexip.example.com", "pexip.example.com", "pexip.example.com:443"),
            ("pexip.example.com", "https://pexip.example.com", "pexip.example.com", "pexip.example.com:443"),
            ("HTTPS://Pexip.Example.com/", "https://pexip.example.com", "pexip.example.com", "pexip.example.com:443"),
            ("http://127.0.0.1:8081", "http://127.0.0.1:8081", "127.0.0.1:8081", "127.0.0.1:8081"),
            ("https://[2001:db8::1]:8443", "https://[2001:db8::1]:8443", "[2001:db8::1]:8443", "[2001:db8::1]:8443"),
            ("http://node:80", "http://node", "node", "node:80"),
        ]
        for (text, origin, host, endpoint) in cases {
            let node = try NodeAddress(parsing: text)
            XCTAssertEqual(node.origin, origin, text)
            XCTAssertEqual(node.hostHeader, host, text)
            XCTAssertEqual(node.endpoint, endpoint, text)
        }
        XCTAssertTrue(try NodeAddress(parsing: "https://[::1]").isAddressLiteral)
        XCTAssertFalse(try NodeAddress(parsing: "https://pexip.example.com").isAddressLiteral)
    }

    func testWhatCannotBeANodeIsRefusedWithTheReason() {
        let cases: [(String, NodeAddressError)] = [
            ("ftp://x", .scheme("ftp://x", "ftp")),
            ("https://x/webapp2/", .path("https://x/webapp2/", "/webapp2/")),
            ("https://x?y", .path("https://x?y", "?y")),
            ("https://user:pw@x", .credentials("https://user:pw@x")),
            ("https://", .host("https://")),
            ("https://x:0", .port("https://x:0")),
            ("https://x:65536", .port("https://x:65536")),
            ("https://x:8a", .port("https://x:8a")),
            ("https://[::1", .host("https://[::1")),
            ("https://a b", .host("https://a b")),
        ]
        for (text, expected) in cases {
            XCTAssertThrowsError(try NodeAddress(parsing: text), text) { error in
                XCTAssertEqual(error as? NodeAddressError, expected, text)
            }
        }
    }
}
