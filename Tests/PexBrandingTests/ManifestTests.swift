import PexBranding
import XCTest

/// Reading manifest.json (spec §2): both brandingID spellings seen in the wild, and broken files as problems.
final class ManifestTests: XCTestCase {
    private func parse(_ text: String) -> Manifest {
        Manifest.parse(Array(text.utf8))
    }

    func testGuideExample() {
        let manifest = parse(
            """
            {
              "brandingID": "1521829718679",
              "isSettingsBranded": true,
              "isWatermarkBranded": false,
              "isStylesBranded": false
            }
            """)

        XCTAssertEqual(manifest, Manifest(brandingID: "1521829718679", isSettingsBranded: true))
    }

    func testBrandingIDSpellings() {
        let cases: [(json: String, expected: String?)] = [
            (#""10000000""#, "10000000"),
            (#""not-a-number""#, "not-a-number"),
            ("1732541234567", "1732541234567"),
            ("0", "0"),
            ("-5", "-5"),
            ("1e3", "1000"),
            ("1.0", "1"),
            ("1.5", "1.5"),
            ("12345678901234567890123", "12345678901234567890123"),
            ("null", nil),
        ]
        for (json, expected) in cases {
            let manifest = parse(#"{"brandingID": \#(json)}"#)
            XCTAssertEqual(manifest.brandingID, expected, json)
            XCTAssertNil(manifest.problem, json)
        }
    }

    func testMissingFieldsAreNilWithoutProblem() {
        XCTAssertEqual(parse("{}"), Manifest())
    }

    func testIsSettingsBrandedFalse() {
        XCTAssertEqual(parse(#"{"isSettingsBranded": false}"#).isSettingsBranded, false)
    }

    /// On Linux Foundation hands back `1` and `true` alike; production JSON does not treat them alike.
    func testWrongTypesAreProblems() {
        let cases: [(json: String, problem: String)] = [
            (
                #"{"isSettingsBranded": 1}"#,
                "manifest.json: isSettingsBranded should be true or false, found the number 1"
            ),
            (
                #"{"isSettingsBranded": "true"}"#,
                #"manifest.json: isSettingsBranded should be true or false, found the string "true""#
            ),
            (
                #"{"brandingID": true}"#,
                "manifest.json: brandingID should be a number or a string of digits, found true"
            ),
            (
                #"{"brandingID": [1], "isSettingsBranded": null}"#,
                "manifest.json: brandingID should be a number or a string of digits, found an array; "
                    + "isSettingsBranded should be true or false, found null"
            ),
        ]
        for (json, problem) in cases {
            let manifest = parse(json)
            XCTAssertEqual(manifest.problem, problem, json)
            XCTAssertNil(manifest.isSettingsBranded, json)
        }
    }

    func testGoodFieldsSurviveABadNeighbour() {
        let manifest = parse(#"{"brandingID": "42", "isSettingsBranded": "yes"}"#)

        XCTAssertEqual(manifest.brandingID, "42")
        XCTAssertNotNil(manifest.problem)
    }

    func testInvalidJSONGivesLineAndColumn() throws {
        let manifest = parse("{\n  \"brandingID\": \"1\",\n  \"isSettingsBranded\": yes\n}\n")

        let problem = try XCTUnwrap(manifest.problem)
        XCTAssertTrue(problem.hasPrefix("manifest.json is not valid JSON: "), problem)
        XCTAssertTrue(problem.contains("line 3, column 24"), problem)
        XCTAssertEqual(manifest.brandingID, nil)
    }

    /// Foundation accepts a trailing comma; browsers' JSON.parse does not, so neither may we.
    func testTrailingCommaIsRejected() {
        let manifest = parse("{\n  \"brandingID\": \"1\",\n  \"isSettingsBranded\": true,\n}\n")

        XCTAssertEqual(
            manifest,
            Manifest(
                problem: "manifest.json is not valid JSON: trailing comma at line 3, column 28 (browsers reject it)"))
    }

    func testTrailingCommaPositionInCRLFFile() {
        let manifest = parse("{\r\n  \"brandingID\": \"1\",\r\n}\r\n")

        XCTAssertEqual(
            manifest.problem,
            "manifest.json is not valid JSON: trailing comma at line 2, column 20 (browsers reject it)")
    }

    func testCommasInsideStringsAreNotTrailingCommas() {
        XCTAssertEqual(parse(#"{"brandingID": ",}", "x": "\",]"}"#).brandingID, ",}")
    }

    func testEmptyFile() {
        XCTAssertEqual(parse(" \n").problem, "manifest.json is empty")
        XCTAssertEqual(parse("").problem, "manifest.json is empty")
    }

    func testTopLevelMustBeAnObject() {
        XCTAssertEqual(parse("[1]").problem, "manifest.json must be a JSON object, found an array")
        XCTAssertEqual(parse(#""1""#).problem, #"manifest.json must be a JSON object, found the string "1""#)
    }

    /// Browsers decode fetched JSON as UTF-8 and drop a byte order mark, so one is harmless here.
    func testByteOrderMarkIsAccepted() {
        XCTAssertEqual(Manifest.parse([0xEF, 0xBB, 0xBF] + Array(#"{"brandingID": "9"}"#.utf8)).brandingID, "9")
    }
}
