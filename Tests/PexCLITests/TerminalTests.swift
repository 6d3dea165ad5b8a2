import XCTest

@testable import PexCLI

final class TerminalTests: XCTestCase {
    func testColourNeedsATerminalAndRespectsNoColor() {
        XCTAssertTrue(Terminal.usesColor(isTerminal: true, environment: [:]))
        XCTAssertTrue(Terminal.usesColor(isTerminal: true, environment: ["NO_COLOR": ""]))
        XCTAssertFalse(Terminal.usesColor(isTerminal: true, environment: ["NO_COLOR": "1"]))
        XCTAssertFalse(Terminal.usesColor(isTerminal: true, environment: ["TERM": "dumb"]))
        XCTAssertFalse(Terminal.usesColor(isTerminal: false, environment: [:]))
    }

    func testVerbosityThresholds() {
        XCTAssertEqual(Verbosity.quiet.threshold, .warning)
        XCTAssertEqual(Verbosity.normal.threshold, .info)
        XCTAssertEqual(Verbosity.verbose.threshold, .access)
    }
}
