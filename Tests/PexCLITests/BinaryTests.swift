import XCTest

/// The real `pexdev` executable, as a user runs it.
final class BinaryTests: XCTestCase {
    func testHelp() throws {
        let result = try TestBinary.run(["--help"])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(result.standardOutput.hasPrefix("OVERVIEW: "), result.standardOutput)
        XCTAssertTrue(result.standardOutput.contains("SUBCOMMANDS:\n  serve "), result.standardOutput)
        XCTAssertEqual(result.standardError, "")
    }

    func testServeHelp() throws {
        let result = try TestBinary.run(["help", "serve"])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(result.standardOutput.contains("USAGE: pexdev serve [<path>]"), result.standardOutput)
        XCTAssertTrue(result.standardOutput.contains("ENVIRONMENT:"), result.standardOutput)
    }

    func testVersion() throws {
        let result = try TestBinary.run(["--version"])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertEqual(result.standardOutput, "pexdev 0.1.0\n")
    }

    func testMistypedOption() throws {
        let result = try TestBinary.run(["serve", "--prot", "1"])
        XCTAssertEqual(result.status, 64)
        XCTAssertEqual(result.standardOutput, "")
        XCTAssertTrue(
            result.standardError.hasPrefix(
                "Error: Unknown option '--prot'. Did you mean '--port'?\n\nUsage: pexdev serve"),
            result.standardError)
        XCTAssertTrue(
            result.standardError.hasSuffix("  See 'pexdev help serve' for more information.\n"), result.standardError)
    }

    func testMistypedSubcommand() throws {
        let result = try TestBinary.run(["serv"])
        XCTAssertEqual(result.status, 64)
        XCTAssertTrue(result.standardError.hasPrefix("Error: Unknown subcommand 'serv'. Did you mean 'serve'?\n"))
    }

    func testInvalidPortFromEnvironment() throws {
        let result = try TestBinary.run(["serve"], environment: ["PEXDEV_PORT": "http"])
        XCTAssertEqual(result.status, 64)
        XCTAssertTrue(result.standardError.contains("PEXDEV_PORT"), result.standardError)
    }
}
