import XCTest

@testable import PexCLI

final class TextWrappingTests: XCTestCase {
    func testWrapsGreedilyWithHangingIndent() {
        let lines = TextWrapping.wrap(["aaaa", "bbbb", "cccc"], firstLinePrefix: "> ", indent: 2, width: 12)
        XCTAssertEqual(lines, ["> aaaa bbbb", "  cccc"])
    }

    func testKeepsTokensWholeEvenWhenTooWide() {
        let lines = TextWrapping.wrap(["[--port <port>]", "x"], firstLinePrefix: "", indent: 1, width: 5)
        XCTAssertEqual(lines, ["[--port <port>]", " x"])
    }

    func testKeepsParagraphs() {
        XCTAssertEqual(TextWrapping.wrap(text: "one\n\ntwo", indent: 0), ["one", "", "two"])
    }

    func testUsageLinesAlignAfterTheCommand() {
        let tokens = Array(repeating: "[--option <value>]", count: 5)
        let lines = TextWrapping.usageLines(prefix: "Usage: ", invocation: "pexdev serve", tokens: tokens)
        XCTAssertEqual(lines.count, 2)
        XCTAssertTrue(lines[1].hasPrefix(String(repeating: " ", count: "Usage: pexdev serve ".count) + "[--"))
        XCTAssertEqual(TextWrapping.usageLines(prefix: "Usage: ", invocation: "pexdev", tokens: []), ["Usage: pexdev"])
    }
}
