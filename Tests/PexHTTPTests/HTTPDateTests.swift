import XCTest

@testable import PexHTTP

/// IMF-fixdate (RFC 9110 §5.6.7), as sent in `Date`/`Last-Modified` and read from `If-Modified-Since`.
final class HTTPDateTests: XCTestCase {
    static let known: [(seconds: Int, text: String)] = [
        (784_111_777, "Sun, 06 Nov 1994 08:49:37 GMT"),
        (0, "Thu, 01 Jan 1970 00:00:00 GMT"),
        (951_782_400, "Tue, 29 Feb 2000 00:00:00 GMT"),
        (1_700_000_000, "Tue, 14 Nov 2023 22:13:20 GMT"),
        (2_147_483_647, "Tue, 19 Jan 2038 03:14:07 GMT"),
        (4_102_444_799, "Thu, 31 Dec 2099 23:59:59 GMT"),
    ]

    func testFormatKnownInstants() {
        for (seconds, text) in Self.known {
            XCTAssertEqual(HTTPDate.format(seconds), text, "\(seconds)")
        }
    }

    func testParseKnownInstants() {
        for (seconds, text) in Self.known {
            XCTAssertEqual(HTTPDate.parse(text), seconds, text)
        }
    }

    func testRoundTrip() {
        for seconds in stride(from: 0, through: 4_000_000_000, by: 12_345_679) {
            XCTAssertEqual(HTTPDate.parse(HTTPDate.format(seconds)), seconds, "\(seconds)")
        }
    }

    func testNowIsAnIMFFixdate() throws {
        let text = HTTPDate.now()
        XCTAssertEqual(text.count, 29, text)
        XCTAssertTrue(text.hasSuffix(" GMT"), text)
        let seconds = try XCTUnwrap(HTTPDate.parse(text), text)
        XCTAssertGreaterThan(seconds, 1_700_000_000)
    }

    static let rejected: [(name: String, text: String)] = [
        ("garbage", "garbage"),
        ("empty", ""),
        ("RFC 850 (obsolete, treated as absent)", "Sunday, 06-Nov-94 08:49:37 GMT"),
        ("asctime (obsolete, treated as absent)", "Sun Nov  6 08:49:37 1994"),
        ("not GMT", "Sun, 06 Nov 1994 08:49:37 UTC"),
        ("unknown month", "Sun, 06 Foo 1994 08:49:37 GMT"),
        ("lower-case month", "Sun, 06 nov 1994 08:49:37 GMT"),
        ("missing seconds", "Sun, 06 Nov 1994 08:49 GMT"),
        ("letters in the time", "Sun, 06 Nov 1994 08:xx:37 GMT"),
        ("a seventh part", "Sun, 06 Nov 1994 08:49:37 GMT extra"),
        // RFC 9110 §13.1.3: an If-Modified-Since that is not a valid HTTP-date is ignored, not normalised.
        ("day 32", "Sun, 32 Nov 1994 08:49:37 GMT"),
        ("day 0", "Sun, 00 Nov 1994 08:49:37 GMT"),
        ("hour 25", "Sun, 06 Nov 1994 25:49:37 GMT"),
        ("minute 61", "Sun, 06 Nov 1994 08:61:37 GMT"),
        ("negative day", "Sun, -6 Nov 1994 08:49:37 GMT"),
    ]

    func testInvalidDatesAreNil() {
        for (name, text) in Self.rejected {
            XCTAssertNil(HTTPDate.parse(text), name)
        }
    }

    /// A client controls `If-Modified-Since`; an absurd year must be nil, never a trap. Run in a child process:
    /// today `Int32(year - 1900)` overflows and traps, which would take the server down.
    func testHugeNumbersAreNilNotATrap() {
        runInChildProcess {
            XCTAssertNil(HTTPDate.parse("Sun, 06 Nov 99999999999 08:49:37 GMT"), "year past Int32")
            XCTAssertNil(HTTPDate.parse("Sun, 99999999999 Nov 1994 08:49:37 GMT"), "day past Int32")
            XCTAssertNil(HTTPDate.parse("Sun, 06 Nov 1994 99999999999:49:37 GMT"), "hour past Int32")
        }
    }
}
