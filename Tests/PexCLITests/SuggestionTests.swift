import XCTest

@testable import PexCLI

final class SuggestionTests: XCTestCase {
    func testEditDistance() {
        let cases: [(String, String, Int)] = [
            ("", "", 0), ("", "abc", 3), ("abc", "", 3), ("port", "port", 0),
            ("--prot", "--port", 1),  // one transposition, not two substitutions
            ("serv", "serve", 1), ("sever", "serve", 2), ("kitten", "sitting", 3), ("ca", "abc", 3),
        ]
        for (a, b, distance) in cases {
            XCTAssertEqual(Suggestion.editDistance(a, b), distance, "\(a) → \(b)")
            XCTAssertEqual(Suggestion.editDistance(b, a), distance, "\(b) → \(a)")
        }
    }

    func testClosest() {
        let options = ["--port", "--host", "--allow-host", "--follow-symlinks", "--quiet", "--verbose", "--help"]
        let cases: [(String, String?)] = [
            ("--prot", "--port"), ("--PORT", "--port"), ("-port", "--port"), ("--hots", "--host"),
            ("--follow-symlink", "--follow-symlinks"), ("--verbos", "--verbose"),
            ("-x", nil), ("--p", nil), ("--frobnicate", nil), ("--hst", "--host"), ("--qiet", "--quiet"),
        ]
        for (typed, expected) in cases {
            XCTAssertEqual(Suggestion.closest(to: typed, among: options), expected, typed)
        }
        XCTAssertEqual(Suggestion.closest(to: "serv", among: ["serve", "help"]), "serve")
        XCTAssertNil(Suggestion.closest(to: "sv", among: ["serve", "help"]))
    }
}
