import XCTest

@testable import PexBranding

/// The string helpers behind paths in messages, display names and suggested commands.
final class PathHelperTests: XCTestCase {
    func testNormalized() {
        let cases = [
            ("/", "/"), ("/a/b", "/a/b"), ("/a//b/", "/a/b"), ("/a/./b", "/a/b"), ("/a/../b", "/b"),
            ("/../a", "/a"), ("/a/b/../..", "/"),
        ]
        for (input, expected) in cases {
            XCTAssertEqual(LexicalPath.normalized(input), expected, input)
        }
    }

    func testAbsolute() {
        XCTAssertEqual(LexicalPath.absolute("x", in: "/cwd"), "/cwd/x")
        XCTAssertEqual(LexicalPath.absolute("x", in: "/"), "/x")
        XCTAssertEqual(LexicalPath.absolute("/y", in: "/cwd"), "/y")
        XCTAssertEqual(LexicalPath.absolute("", in: "/cwd"), "/cwd")
    }

    func testLastComponentAndParent() {
        XCTAssertEqual(LexicalPath.lastComponent("/a/b/"), "b")
        XCTAssertEqual(LexicalPath.lastComponent("b"), "b")
        XCTAssertEqual(LexicalPath.lastComponent("/"), "/")
        XCTAssertEqual(LexicalPath.parent("/a/b"), "/a")
        XCTAssertEqual(LexicalPath.parent("/a"), "/")
        XCTAssertNil(LexicalPath.parent("/"))
    }

    func testDisplayName() {
        let cases = [
            ("sample-branding", "/w/sample-branding", "sample-branding"),
            ("sample-branding/", "/w/sample-branding", "sample-branding"),
            (".", "/w/main", "main"),
            ("./", "/w/main", "main"),
            ("..", "/w", "w"),
            ("../..", "/", "/"),
            ("./pkg", "/w/pkg", "./pkg"),
            ("/abs/pkg/", "/abs/pkg", "/abs/pkg"),
        ]
        for (typed, shown, expected) in cases {
            XCTAssertEqual(BrandingLocator.displayName(typed: typed, shown: shown), expected, typed)
        }
    }

    func testShellQuoting() {
        XCTAssertEqual(ShellQuoting.quote("sample-branding/webapp2"), "sample-branding/webapp2")
        XCTAssertEqual(ShellQuoting.quote("My Branding"), "'My Branding'")
        XCTAssertEqual(ShellQuoting.quote("it's"), #"'it'\''s'"#)
        XCTAssertEqual(ShellQuoting.quote("~/x"), "'~/x'")
        XCTAssertEqual(ShellQuoting.quote(""), "''")
    }

    func testTextPosition() {
        let bytes = Array("ab\r\ncé\nx".utf8)
        XCTAssertEqual(TextPosition(byteOffset: 0, in: bytes), TextPosition(line: 1, column: 1))
        XCTAssertEqual(TextPosition(byteOffset: 2, in: bytes), TextPosition(line: 1, column: 3))
        XCTAssertEqual(TextPosition(byteOffset: 4, in: bytes), TextPosition(line: 2, column: 1))
        // "é" is two bytes but one column.
        XCTAssertEqual(TextPosition(byteOffset: 7, in: bytes), TextPosition(line: 2, column: 3))
        XCTAssertEqual(TextPosition(byteOffset: 8, in: bytes), TextPosition(line: 3, column: 1))
        XCTAssertEqual(TextPosition(byteOffset: 99, in: bytes), TextPosition(line: 3, column: 2))
    }
}
