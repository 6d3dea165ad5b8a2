import XCTest

@testable import PexHTTP

/// `Range: bytes=…` against a 1,000-byte file unless the case says otherwise (RFC 9110 §14.1.2).
final class ByteRangeTests: XCTestCase {
    static let cases: [(name: String, header: String?, size: Int, expect: ByteRange)] = [
        ("no Range header: whole", nil, 1000, .whole),
        ("first 100 bytes", "bytes=0-99", 1000, .partial(0...99)),
        ("a middle slice", "bytes=200-299", 1000, .partial(200...299)),
        ("one byte", "bytes=5-5", 1000, .partial(5...5)),
        ("the last byte by position", "bytes=999-999", 1000, .partial(999...999)),
        ("open-ended from 500", "bytes=500-", 1000, .partial(500...999)),
        ("open-ended from 0", "bytes=0-", 1000, .partial(0...999)),
        ("suffix: the last 100 bytes", "bytes=-100", 1000, .partial(900...999)),
        ("suffix longer than the file: the whole file as 206", "bytes=-2000", 1000, .partial(0...999)),
        ("end past the file is clamped", "bytes=900-5000", 1000, .partial(900...999)),
        ("end far past the file is clamped", "bytes=0-999999999", 1000, .partial(0...999)),
        ("start at the size: unsatisfiable", "bytes=1000-", 1000, .unsatisfiable),
        ("start past the size: unsatisfiable", "bytes=5000-6000", 1000, .unsatisfiable),
        ("suffix of zero bytes: unsatisfiable", "bytes=-0", 1000, .unsatisfiable),
        ("any range of an empty file: unsatisfiable", "bytes=0-", 0, .unsatisfiable),
        ("suffix of an empty file: unsatisfiable", "bytes=-5", 0, .unsatisfiable),
        ("spaces around the spec are allowed", "bytes= 0-9 ", 1000, .partial(0...9)),
        ("several ranges: whole", "bytes=0-0,5-9", 1000, .whole),
        ("several ranges with spaces: whole", "bytes=0-9, 20-29", 1000, .whole),
        ("end before start: whole (ignored, not 416)", "bytes=500-100", 1000, .whole),
        ("another unit: whole", "items=0-5", 1000, .whole),
        ("no unit: whole", "0-99", 1000, .whole),
        ("no dash: whole", "bytes=100", 1000, .whole),
        ("a lone dash: whole", "bytes=-", 1000, .whole),
        ("empty spec: whole", "bytes=", 1000, .whole),
        ("letters: whole", "bytes=abc-def", 1000, .whole),
        ("plus sign on the start: whole", "bytes=+5-9", 1000, .whole),
        ("plus sign on the end: whole", "bytes=0-+9", 1000, .whole),
        ("plus sign on a suffix: whole", "bytes=-+9", 1000, .whole),
        ("negative suffix `--5`: whole", "bytes=--5", 1000, .whole),
        ("hex digits: whole", "bytes=0x10-0x20", 1000, .whole),
        ("non-ASCII digits: whole", "bytes=٣-٥", 1000, .whole),
        ("a start that overflows Int: whole", "bytes=99999999999999999999-", 1000, .whole),
        ("a suffix that overflows Int: whole", "bytes=-99999999999999999999", 1000, .whole),
        ("garbage: whole", "garbage", 1000, .whole),
    ]

    func testTable() {
        for (name, header, size, expect) in Self.cases {
            XCTAssertEqual(ByteRange.resolve(header, size: size), expect, name)
        }
    }

    func testPartialRangesStayInsideTheFile() {
        for (name, header, size, _) in Self.cases {
            guard case .partial(let range) = ByteRange.resolve(header, size: size) else { continue }
            XCTAssertGreaterThanOrEqual(range.lowerBound, 0, name)
            XCTAssertLessThan(range.upperBound, size, name)
        }
    }
}
