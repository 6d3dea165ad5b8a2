import XCTest

@testable import PexBranding

/// security.md item 28: hostile sizes and depths give a positioned error quickly, never a crash.
final class JSONReaderLimitsTests: XCTestCase {
    func testTenThousandDeepArraysStopAtTheDepthLimit() {
        let bytes = [UInt8](repeating: UInt8(ascii: "["), count: 10_000)
        let clock = ContinuousClock()
        var error: JSONSyntaxError?
        let elapsed = clock.measure { error = jsonSyntaxError(in: bytes) }
        XCTAssertEqual(error?.kind, "too-deep")
        XCTAssertEqual(error?.range.start, SourcePosition(line: 1, column: 513, offset: 512))
        XCTAssertEqual(error?.range.end.offset, 513)
        XCTAssertTrue(error?.message.contains("512") == true, error?.message ?? "nil")
        // A hang guard, not a performance bound: parsing stops at the limit instead of walking 10,000 levels.
        XCTAssertLessThan(elapsed, .seconds(10))
    }

    func testTenThousandDeepObjectsStopAtTheDepthLimit() {
        let bytes = Array(String(repeating: "{\"a\":", count: 10_000).utf8)
        let error = jsonSyntaxError(in: bytes)
        XCTAssertEqual(error?.kind, "too-deep")
        XCTAssertEqual(error.map { lineColumn($0.range.start) }, "1:2561")
    }

    func testDepthLimitIsInclusive() throws {
        var limits = JSONReaderLimits()
        limits.maximumDepth = 3
        XCTAssertNoThrow(try readJSON("[{\"a\": [1]}]", limits: limits))
        let error = jsonSyntaxError(in: Array("[{\"a\": [[1]]}]".utf8), limits: limits)
        XCTAssertEqual(error?.kind, "too-deep")
        XCTAssertEqual(error.map { lineColumn($0.range.start) }, "1:9")
        XCTAssertEqual(error.map { lineColumn($0.range.end) }, "1:10")
    }

    func testDeepNestingWithinARaisedLimitParsesWithoutRecursion() throws {
        var limits = JSONReaderLimits()
        limits.maximumDepth = 20_000
        let depth = 10_000
        let text = String(repeating: "[", count: depth) + "7" + String(repeating: "]", count: depth)
        let document = try readJSON(text, limits: limits)
        var node = document.root
        var levels = 0
        while let inner = node.elements?.first {
            node = inner
            levels += 1
        }
        XCTAssertEqual(levels, depth)
        XCTAssertEqual(node.value, .number("7"))
        XCTAssertEqual(node.range.start, SourcePosition(line: 1, column: depth + 1, offset: depth))
    }

    func testHundredMegabytesAreRefusedBeforeParsing() {
        let bytes = [UInt8](repeating: UInt8(ascii: "["), count: 100 << 20)
        let clock = ContinuousClock()
        var error: JSONSyntaxError?
        let elapsed = clock.measure { error = jsonSyntaxError(in: bytes) }
        XCTAssertEqual(error?.kind, "too-large")
        XCTAssertEqual(error?.range.start, SourcePosition(line: 1, column: 1, offset: 0))
        XCTAssertTrue(error?.message.contains("104857600") == true, error?.message ?? "nil")
        // A hang guard, not a performance bound: the size is refused before any byte is parsed.
        XCTAssertLessThan(elapsed, .seconds(10))
    }

    func testSizeLimitIsInclusive() throws {
        var limits = JSONReaderLimits()
        limits.maximumBytes = 10
        XCTAssertNoThrow(try readJSON("[1,2,3,45]", limits: limits))
        let error = jsonSyntaxError(in: Array("[1,2,3,456]".utf8), limits: limits)
        XCTAssertEqual(error?.kind, "too-large")
        XCTAssertEqual(error?.message, "file is 11 bytes; the limit is 10 bytes")
    }

    func testLongSingleLineFileReadsInLinearTime() throws {
        // Minified files put everything on one line; positions must not be recounted from the line start.
        let members = (0..<20_000).map { "\"key\($0)\":[\($0),\"é\",true]" }
        let text = "{" + members.joined(separator: ",") + "}"
        let clock = ContinuousClock()
        var document: JSONDocument?
        let elapsed = try clock.measure { document = try readJSON(text) }
        XCTAssertEqual(document?.root.members?.count, 20_000)
        let last = try XCTUnwrap(document?.root.members?.last)
        XCTAssertEqual(last.key, "key19999")
        XCTAssertEqual(last.keyRange.start.line, 1)
        XCTAssertEqual(
            last.keyRange.start.column,
            text.unicodeScalars.count - "\"key19999\":[19999,\"é\",true]}".unicodeScalars.count + 1)
        XCTAssertLessThan(elapsed, .seconds(2))
    }
}
