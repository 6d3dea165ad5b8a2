import XCTest

@testable import PexCLI

/// `PexdevMain.run` end to end with recorded streams (everything but `serve`, which starts a server).
final class MainTests: XCTestCase {
    private func run(_ arguments: [String], environment: [String: String] = [:]) -> (
        status: Int32, standardOutput: String, standardError: String
    ) {
        let standardOutput = RecordingOutput()
        let standardError = RecordingOutput()
        let console = Console(standardOutput: standardOutput, standardError: standardError, colorsStandardError: false)
        let status = PexdevMain.run(arguments, environment: environment, console: console)
        return (status, standardOutput.text, standardError.text)
    }

    func testUnknownOptionIsRenderedLikeArgumentParser() {
        let result = run(["serve", "--prot", "1"])
        XCTAssertEqual(result.status, 64)
        XCTAssertEqual(result.standardOutput, "")
        XCTAssertEqual(
            result.standardError,
            """
            Error: Unknown option '--prot'. Did you mean '--port'?

            Usage: pexdev serve [<path>] [--port <port>] [--host <address>]
                                [--allow-host <name> ...] [--follow-symlinks]
                                [--scenario <file>] [--strict-branding] [--bump-branding-id]
                                [--poll <ms>] [--csp <policy>] [--csp-report-only]
                                [--proxy-csp <policy>] [--node <url>] [--ca-file <pem>]
                                [--insecure] [--real-app] [--mock] [--dev-shell] [--quiet]
                                [--verbose]
              See 'pexdev help serve' for more information.

            """)
    }

    func testUnknownSubcommandIsRenderedWithRootUsage() {
        let result = run(["serv"])
        XCTAssertEqual(result.status, 64)
        XCTAssertEqual(
            result.standardError,
            """
            Error: Unknown subcommand 'serv'. Did you mean 'serve'?

            Usage: pexdev <subcommand>
              See 'pexdev help' for more information.

            """)
    }

    func testEveryUsageErrorExits64WithTheSameShape() {
        let mistakes: [([String], [String: String])] = [
            (["serve", "--port"], [:]), (["serve", "--port", "abc"], [:]), (["serve", "-q", "-v"], [:]),
            (["serve", "a", "b"], [:]), (["serve"], ["PEXDEV_PORT": "x"]), (["nope"], [:]), (["--nope"], [:]),
        ]
        for (arguments, environment) in mistakes {
            let result = run(arguments, environment: environment)
            XCTAssertEqual(result.status, 64, "\(arguments)")
            XCTAssertEqual(result.standardOutput, "", "\(arguments)")
            XCTAssertTrue(result.standardError.hasPrefix("Error: "), "\(arguments): \(result.standardError)")
            XCTAssertTrue(result.standardError.contains("\n\nUsage: pexdev"), "\(arguments)")
            XCTAssertTrue(result.standardError.hasSuffix("' for more information.\n"), "\(arguments)")
        }
    }

    func testVersion() {
        let result = run(["--version"])
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.standardOutput, "pexdev \(PexdevVersion.current)\n")
        XCTAssertEqual(PexdevVersion.current, "0.1.0")
        XCTAssertEqual(result.standardError, "")
    }

    func testHelpGoesToStandardOutput() {
        for arguments in [[], ["--help"], ["-h"], ["help"]] {
            let result = run(arguments)
            XCTAssertEqual(result.status, 0)
            XCTAssertEqual(result.standardOutput, HelpFormatter.render(RootCommand.spec), "\(arguments)")
            XCTAssertEqual(result.standardError, "")
        }
        for arguments in [["help", "serve"], ["serve", "--help"], ["serve", "-h"]] {
            let result = run(arguments)
            XCTAssertEqual(result.status, 0)
            XCTAssertEqual(result.standardOutput, HelpFormatter.render(ServeCommand.spec), "\(arguments)")
        }
    }
}
