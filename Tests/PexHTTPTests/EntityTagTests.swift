import XCTest

@testable import PexHTTP

/// `If-None-Match` matching (weak comparison, RFC 9110 §13.1.2) and the tags pexdev makes.
final class EntityTagTests: XCTestCase {
    static let cases: [(name: String, header: String, etag: String, hits: Bool)] = [
        ("`*` matches any tag", "*", "\"abc\"", true),
        ("`*` with spaces", "  * ", "\"abc\"", true),
        ("the same strong tag", "\"abc\"", "\"abc\"", true),
        ("a different tag", "\"abd\"", "\"abc\"", false),
        ("one of a list", "\"x\", \"abc\", \"y\"", "\"abc\"", true),
        ("a list without spaces", "\"x\",\"abc\"", "\"abc\"", true),
        ("none of a list", "\"x\", \"y\"", "\"abc\"", false),
        ("a weak tag in the header matches the strong one", "W/\"abc\"", "\"abc\"", true),
        ("a weak tag in a list", "\"x\", W/\"abc\"", "\"abc\"", true),
        ("a strong header tag matches a weak etag", "\"abc\"", "W/\"abc\"", true),
        ("tags are case-sensitive", "\"ABC\"", "\"abc\"", false),
        ("quotes matter", "abc", "\"abc\"", false),
        ("an empty header matches nothing", "", "\"abc\"", false),
        ("`*` inside a list is not the wildcard", "\"x\", *", "\"abc\"", false),
        ("a lower-case `w/` is not the weak prefix", "w/\"abc\"", "\"abc\"", false),
    ]

    func testNoneMatchTable() {
        for (name, header, etag, hits) in Self.cases {
            XCTAssertEqual(EntityTag.noneMatchHits(header, etag: etag), hits, name)
        }
    }

    func testContentTagIsFNV1a64() {
        // Published FNV-1a 64-bit test vectors: the empty input is the offset basis.
        XCTAssertEqual(EntityTag.of([UInt8]()), "\"cbf29ce484222325\"")
        XCTAssertEqual(EntityTag.of(Array("a".utf8)), "\"af63dc4c8601ec8c\"")
        XCTAssertEqual(EntityTag.of(Array("foobar".utf8)), "\"85944171f73967e8\"")
    }

    func testContentTagIsStableAndTracksContent() {
        let content = Array("console.log('plugin');\n".utf8)
        XCTAssertEqual(EntityTag.of(content), EntityTag.of(content), "same bytes, same tag on every call")
        XCTAssertNotEqual(EntityTag.of(content), EntityTag.of(content + [0x20]))
        XCTAssertNotEqual(EntityTag.of(Array("ab".utf8)), EntityTag.of(Array("ba".utf8)), "order matters")
        let tag = EntityTag.of(content)
        XCTAssertEqual(tag.count, 18, "16 hex digits in quotes")
        XCTAssertTrue(tag.hasPrefix("\"") && tag.hasSuffix("\""))
        XCTAssertTrue(EntityTag.noneMatchHits(tag, etag: tag), "a tag pexdev sends matches itself when sent back")
    }
}
