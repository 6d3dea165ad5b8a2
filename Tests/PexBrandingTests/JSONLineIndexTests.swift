import XCTest

@testable import PexBranding

/// `LineIndex`: offsets to positions as the JSON reader counts them, and lines back to text.
final class JSONLineIndexTests: XCTestCase {
    func testPositionsCountScalarsTabsAndIgnoreCR() {
        let bytes = Array("a\té😀b\r\nxy\n\nz".utf8)
        let index = LineIndex(bytes)
        let expected: [(offset: Int, line: Int, column: Int)] = [
            (0, 1, 1), (1, 1, 2), (2, 1, 3), (4, 1, 4), (8, 1, 5), (9, 1, 6), (10, 1, 6),
            (11, 2, 1), (12, 2, 2), (13, 2, 3), (14, 3, 1), (15, 4, 1), (16, 4, 2),
        ]
        for (offset, line, column) in expected {
            XCTAssertEqual(
                index.position(atOffset: offset), SourcePosition(line: line, column: column, offset: offset),
                "offset \(offset)")
        }
        XCTAssertEqual(index.position(atOffset: 99), SourcePosition(line: 4, column: 2, offset: 16))
        XCTAssertEqual(index.position(atOffset: -5), SourcePosition(line: 1, column: 1, offset: 0))
    }

    func testByteOrderMarkTakesNoColumn() {
        let index = LineIndex([0xEF, 0xBB, 0xBF] + Array("ab\ncd".utf8))
        XCTAssertEqual(index.position(atOffset: 0), SourcePosition(line: 1, column: 1, offset: 0))
        XCTAssertEqual(index.position(atOffset: 3), SourcePosition(line: 1, column: 1, offset: 3))
        XCTAssertEqual(index.position(atOffset: 4), SourcePosition(line: 1, column: 2, offset: 4))
        XCTAssertEqual(index.position(atOffset: 7), SourcePosition(line: 2, column: 2, offset: 7))
        XCTAssertEqual(index.sourceLine(1), "ab")
    }

    func testSourceLinesWithoutTerminators() {
        let index = LineIndex(Array("first\r\nsecond é\n\nlast".utf8))
        XCTAssertEqual(index.lineCount, 4)
        XCTAssertEqual(index.sourceLine(1), "first")
        XCTAssertEqual(index.sourceLine(2), "second é")
        XCTAssertEqual(index.sourceLine(3), "")
        XCTAssertEqual(index.sourceLine(4), "last")
        XCTAssertNil(index.sourceLine(0))
        XCTAssertNil(index.sourceLine(5))
        XCTAssertEqual(index.byteRange(ofLine: 2), 7..<16)
    }

    func testTrailingLineBreakStartsAnEmptyLastLine() {
        let index = LineIndex(Array("{}\n".utf8))
        XCTAssertEqual(index.lineCount, 2)
        XCTAssertEqual(index.sourceLine(2), "")
        XCTAssertEqual(index.position(atOffset: 3), SourcePosition(line: 2, column: 1, offset: 3))
        XCTAssertEqual(LineIndex([]).lineCount, 1)
        XCTAssertEqual(LineIndex([]).sourceLine(1), "")
    }

    func testInvalidUTF8LinesStillRender() {
        let index = LineIndex(Array("ok\n".utf8) + [0x61, 0xFF, 0x62])
        XCTAssertEqual(index.sourceLine(2), "a\u{FFFD}b")
    }

    func testAgreesWithTheReaderOnEveryByteOfAFile() throws {
        let bytes = Array("{\r\n\t\"é\": [\"😀\", 1.5],\n \"b\": {\"c\": null}\r\n}".utf8)
        let index = LineIndex(bytes)
        let document = try JSONReader.read(bytes)
        XCTAssertEqual(
            index.range(document.root.range.start.offset..<document.root.range.end.offset), document.root.range)
        // Walking forward one byte at a time must match the binary search at every offset.
        var line = 1
        var column = 1
        for offset in 0...bytes.count {
            XCTAssertEqual(index.position(atOffset: offset), SourcePosition(line: line, column: column, offset: offset))
            guard offset < bytes.count else { break }
            if bytes[offset] == 0x0A {
                line += 1
                column = 1
            } else if bytes[offset] & 0xC0 != 0x80 && bytes[offset] != 0x0D {
                column += 1
            }
        }
    }
}
