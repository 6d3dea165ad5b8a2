import XCTest

@testable import PexHTTP

/// spec/security.md items 16, 17, 19, 20 and 22: what a raw path may name, decoded once.
final class RequestPathTests: XCTestCase {
    enum Expected: Equatable {
        case segments([String])
        case status(Int)
    }

    static let cases: [(name: String, raw: String, expect: Expected)] = [
        // 16: traversal, plain and encoded.
        ("catalogue 16: `/../etc/passwd`", "/../etc/passwd", .status(400)),
        ("catalogue 16: `..` in the middle", "/a/b/../../../etc/passwd", .status(400)),
        ("catalogue 16: `/%2e%2e/` (encoded dots)", "/%2e%2e/etc/passwd", .status(400)),
        ("catalogue 16: `/%2E%2E/` (upper-case escapes)", "/%2E%2E/etc/passwd", .status(400)),
        ("catalogue 16: `/.%2e/` (half-encoded)", "/.%2e/etc/passwd", .status(400)),
        ("catalogue 16: `/%2e./` (half-encoded)", "/%2e./etc/passwd", .status(400)),
        (
            "catalogue 16: `/%252e%252e/` decodes once to the plain name `%2e%2e` (a file of that literal name)",
            "/%252e%252e/", .segments(["%2e%2e"])
        ),
        ("catalogue 16: `/..%2f` (encoded slash)", "/..%2f..%2fetc/passwd", .status(400)),
        ("catalogue 16: `%2F` in a name", "/a%2Fb", .status(400)),
        ("catalogue 16: `/..%5c` (encoded backslash)", "/..%5c..%5cwindows", .status(400)),
        ("catalogue 16: `%5C` in a name", "/a%5Cb", .status(400)),
        ("catalogue 16: `..\\` (raw backslash)", "/..\\..\\etc", .status(400)),
        ("catalogue 16: a backslash inside a name", "/a\\b", .status(400)),
        ("catalogue 16: `.` segments are dropped", "/./a/./b/.", .segments(["a", "b"])),
        ("catalogue 16: `%2e` alone is `.`", "/%2e/a", .segments(["a"])),
        // 17: NUL, bad escapes, invalid UTF-8.
        ("catalogue 17: `%00` at the end", "/index.html%00", .status(400)),
        ("catalogue 17: `%00` before an extension", "/secret%00.js", .status(400)),
        ("catalogue 17: `%00` alone", "/%00", .status(400)),
        ("catalogue 17: `%zz`", "/a%zz", .status(400)),
        ("catalogue 17: `%` at the end", "/a%", .status(400)),
        ("catalogue 17: `%2` truncated", "/a%2", .status(400)),
        ("catalogue 17: `%g0`", "/%g0", .status(400)),
        ("catalogue 17: overlong UTF-8 `%c0%ae` (a disguised dot)", "/%c0%ae%c0%ae/etc", .status(400)),
        ("catalogue 17: overlong UTF-8 `%c0%af` (a disguised slash)", "/..%c0%afetc", .status(400)),
        ("catalogue 17: overlong 3-byte `%e0%80%ae`", "/%e0%80%ae", .status(400)),
        ("catalogue 17: lone continuation byte `%80`", "/a%80", .status(400)),
        ("catalogue 17: truncated sequence `%C3`", "/caf%C3", .status(400)),
        ("catalogue 17: encoded surrogate `%ED%A0%80`", "/%ED%A0%80", .status(400)),
        ("catalogue 17: encoded newline", "/a%0Ab", .status(400)),
        ("catalogue 17: encoded DEL", "/a%7F", .status(400)),
        // 19: dotfiles and dot-folders.
        ("catalogue 19: `/.git/config`", "/.git/config", .status(404)),
        ("catalogue 19: `/.env`", "/.env", .status(404)),
        ("catalogue 19: `/x/.hidden`", "/x/.hidden", .status(404)),
        ("catalogue 19: `/.DS_Store`", "/.DS_Store", .status(404)),
        ("catalogue 19: encoded dot `/%2egit/config`", "/%2egit/config", .status(404)),
        ("catalogue 19: `/...`", "/...", .status(404)),
        ("catalogue 19: a dot inside a name is fine", "/a.b/c.min.js", .segments(["a.b", "c.min.js"])),
        // 20: size.
        ("catalogue 20: 4,096-character path", "/" + String(repeating: "a", count: 4095), .status(414)),
        ("catalogue 20: 4,096 characters of encoded bytes", String(repeating: "/%41", count: 1024), .status(414)),
        ("catalogue 20: 1,000 segments", String(repeating: "/a", count: 1000), .status(404)),
        (
            "catalogue 20: 64 segments are fine", String(repeating: "/a", count: 64),
            .segments(Array(repeating: "a", count: 64))
        ),
        ("catalogue 20: 65 segments", String(repeating: "/a", count: 65), .status(404)),
        // 22: fragments (the query is split off by HTTPRequest, see testQueryIsNotPartOfThePath).
        ("catalogue 22: a `#fragment` is stripped", "/app.js#section", .segments(["app.js"])),
        ("catalogue 22: a fragment hiding traversal is stripped", "/app.js#/../../etc/passwd", .segments(["app.js"])),
        // Normal names.
        ("the root has no segments", "/", .segments([])),
        ("an empty path has no segments", "", .segments([])),
        ("`//a///b/./c` collapses", "//a///b/./c", .segments(["a", "b", "c"])),
        ("a trailing slash adds nothing", "/webapp2/", .segments(["webapp2"])),
        ("`%20` in a name is decoded", "/my%20plugin/read%20me.txt", .segments(["my plugin", "read me.txt"])),
        ("UTF-8 names are decoded (`%C3%A9` is é)", "/caf%C3%A9/%E2%9C%93.svg", .segments(["café", "✓.svg"])),
        ("lower-case escapes are decoded", "/caf%c3%a9", .segments(["café"])),
        ("`+` stays a plus (paths are not form-encoded)", "/a+b", .segments(["a+b"])),
        ("`..;` is not `..` but still a dot-name: 404", "/..;/x", .status(404)),
        ("case is kept", "/Settings.JSON", .segments(["Settings.JSON"])),
    ]

    func testTable() {
        for (name, raw, expect) in Self.cases {
            let actual: Expected
            do {
                actual = .segments(try RequestPath.segments(Substring(raw)))
            } catch {
                actual = .status(error.status.code)
            }
            XCTAssertEqual(actual, expect, name)
        }
    }

    func testNoSegmentIsEverUnsafe() {
        // Whatever is accepted, no segment may step out of the root or name a dotfile.
        for (name, raw, _) in Self.cases {
            guard let segments = try? RequestPath.segments(Substring(raw)) else { continue }
            for segment in segments {
                XCTAssertFalse(segment.isEmpty, name)
                XCTAssertFalse(segment.hasPrefix("."), name)
                XCTAssertFalse(segment.contains("/") || segment.contains("\\") || segment.contains("\0"), name)
            }
        }
    }

    func testQueryIsNotPartOfThePath() throws {
        let request = HTTPRequest(method: "GET", target: "/webapp2/app.js?v=1&path=../../etc/passwd")
        XCTAssertEqual(request.query, "v=1&path=../../etc/passwd")
        XCTAssertEqual(try RequestPath.segments(Substring(request.path)), ["webapp2", "app.js"])
    }

    func testHugePathsAreRefusedQuickly() {
        // Item 20 says "fast". The parser already caps a request line at 8 KiB; 100 refusals of 1,000 segments
        // and of 8 KiB paths take milliseconds even in a debug build.
        let segments = Substring(String(repeating: "/a", count: 1000))
        let long = Substring(String(repeating: "a", count: 8 * 1024))
        let start = ContinuousClock.now
        for _ in 0..<100 {
            XCTAssertThrowsError(try RequestPath.segments(segments))
            XCTAssertThrowsError(try RequestPath.segments(long))
        }
        XCTAssertLessThan(ContinuousClock.now - start, .seconds(10))
    }

    func testCatalogueCoverage() {
        let names = Self.cases.map(\.name)
        for item in [16, 17, 19, 20, 22] {
            XCTAssertTrue(names.contains { $0.hasPrefix("catalogue \(item):") }, "item \(item) has no case")
        }
    }
}
