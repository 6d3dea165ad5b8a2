import XCTest

@testable import PexHTTP

/// The DNS-rebinding defence (spec/security.md default 2): loopback names pass, every other name is refused
/// unless allowed by name.
final class HostAllowListTests: XCTestCase {
    static let defaults: [(host: String?, allowed: Bool)] = [
        ("localhost", true),
        ("localhost:8080", true),
        ("LOCALHOST", true),
        ("LocalHost:3000", true),
        ("localhost.", true),
        ("localhost.:8080", true),
        ("127.0.0.1", true),
        ("127.0.0.1:8080", true),
        ("127.1.2.3:80", true),
        ("[::1]", true),
        ("[::1]:8080", true),
        ("foo.localhost", true),
        ("plugin.dev.localhost:5173", true),
        (nil, true),  // HTTP/1.0 without Host: browsers always send Host, so this is no rebinding.
        ("evil.com", false),
        ("evil.com:8080", false),
        ("127.0.0.1.evil.com", false),
        ("127.0.0.1.nip.io", false),
        ("localhost.evil.com", false),
        ("evillocalhost", false),
        ("foo.localhost.evil.com", false),
        ("128.0.0.1", false),
        ("127.0.0", false),
        ("127.0.0.256", false),
        ("0.0.0.0", false),
        ("192.168.1.10", false),
        ("[::2]:8080", false),
        ("[::ffff:7f00:1]", false),
        ("", false),
    ]

    func testDefaults() {
        let list = HostAllowList()
        for (host, allowed) in Self.defaults {
            XCTAssertEqual(list.allows(hostHeader: host), allowed, host ?? "no Host header")
        }
    }

    func testExtraNames() {
        let list = HostAllowList(extra: ["Dev.Example.com", "evil.com"])
        let cases: [(host: String, allowed: Bool)] = [
            ("evil.com", true),
            ("EVIL.COM:8080", true),
            ("evil.com.", true),
            ("dev.example.com", true),
            ("example.com", false),
            ("sub.evil.com", false),
            ("localhost", true),
        ]
        for (host, allowed) in cases {
            XCTAssertEqual(list.allows(hostHeader: host), allowed, host)
        }
    }

    func testBindAddress() {
        let list = HostAllowList(bindAddress: "192.168.1.10")
        XCTAssertTrue(list.allows(hostHeader: "192.168.1.10:8080"))
        XCTAssertFalse(list.allows(hostHeader: "192.168.1.11:8080"))
        XCTAssertFalse(HostAllowList().allows(hostHeader: "192.168.1.10:8080"))
    }

    func testHostName() {
        let cases: [(header: String, name: String)] = [
            ("LocalHost:8080", "localhost"),
            ("[::1]:8080", "::1"),
            ("[::1]", "::1"),
            ("example.com.", "example.com"),
            ("example.com.:443", "example.com"),
            ("127.0.0.1", "127.0.0.1"),
        ]
        for (header, name) in cases {
            XCTAssertEqual(HostAllowList.hostName(of: header), name, header)
        }
    }

    func testRefusalIsA403ThatSaysHowToAllowTheName() {
        let error = HostAllowList().refusal(hostHeader: "Evil.com:8080")
        XCTAssertEqual(error.status, .forbidden)
        XCTAssertTrue(error.message.contains("'evil.com'"), error.message)
        XCTAssertTrue(error.message.contains("--allow-host evil.com"), error.message)
    }
}
