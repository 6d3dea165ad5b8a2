import XCTest

@testable import PexCLI

final class HelpTests: XCTestCase {
    func testRootHelp() {
        XCTAssertEqual(
            HelpFormatter.render(RootCommand.spec),
            """
            OVERVIEW: A local development server for Pexip Infinity Connect Webapp2 plugins.

            USAGE: pexdev <subcommand>

            OPTIONS:
              --version               Show the version.
              -h, --help              Show help information.

            SUBCOMMANDS:
              serve                   Serve a Webapp2 branding folder and its plugins.
              check                   Check a Webapp2 branding folder and its plugins.
              mock                    Run the mock Pexip Infinity node on its own.
              health                  Check that a running pexdev answers (exit 0 or 1).
              package                 Build the branding ZIP for the Management Node.
              init                    Create a new branding folder.
              new                     Add a new plugin to a branding folder.
              csp                     Show the CSP served, or test a URL against a policy.
              completions             Print a shell completion script (bash, zsh, fish).
              help                    Show help for a subcommand.

              See 'pexdev help <subcommand>' for detailed help.

            """)
    }

    func testServeHelpHasEverySectionInOrder() {
        let help = HelpFormatter.render(ServeCommand.spec)
        let headings = ["OVERVIEW: ", "USAGE: pexdev serve [<path>]", "ARGUMENTS:", "OPTIONS:", "ENVIRONMENT:"]
        let positions = headings.map { help.range(of: $0)?.lowerBound }
        XCTAssertFalse(positions.contains(nil), "missing a section in:\n\(help)")
        let found = positions.compactMap { $0 }
        XCTAssertEqual(found, found.sorted(), "sections out of order in:\n\(help)")
    }

    func testServeHelpDocumentsEveryOptionWithDefaultsAndEnvironment() {
        // Wrapping may split a sentence over lines; compare with runs of spaces and newlines collapsed.
        let help = HelpFormatter.render(ServeCommand.spec).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let expected = [
            "<path>", "(default: ., env: PEXDEV_BRANDING)",
            "-p, --port <port>", "0 picks any free port.", "(default: 8080, env: PEXDEV_PORT)",
            "--host <address>", "(default: 127.0.0.1, env: PEXDEV_HOST)",
            "--allow-host <name>", "--follow-symlinks", "-q, --quiet", "-v, --verbose", "-h, --help",
            "PEXDEV_PORT", "PEXDEV_HOST", "NO_COLOR", "(env: PEXDEV_ALLOW_HOSTS)", "(env: PEXDEV_FOLLOW_SYMLINKS)",
            "(env: PEXDEV_STRICT_BRANDING)", "(env: PEXDEV_BUMP_BRANDING_ID)", "(env: PEXDEV_DEV_SHELL)",
            "(env: PEXDEV_QUIET)", "(env: PEXDEV_VERBOSE)", "PEXDEV_BRANDING The branding folder",
            "[--allow-host <name> ...]",
        ]
        for fragment in expected {
            XCTAssertTrue(help.contains(fragment), "serve help lacks '\(fragment)':\n\(help)")
        }
        for option in ServeCommand.spec.options {
            XCTAssertTrue(help.contains(option.helpLabel), "serve help lacks \(option.helpLabel)")
        }
    }

    func testHelpFitsEightyColumns() {
        for spec in HelpTopic.allCases.map(\.command) {
            for line in HelpFormatter.render(spec).split(separator: "\n") {
                XCTAssertLessThanOrEqual(line.count, 80, "too wide: \(line)")
            }
        }
    }

    func testDescriptionsStartInColumn26OrOnTheNextLine() {
        XCTAssertEqual(HelpFormatter.element(label: "--short", text: "Text."), ["  --short                 Text."])
        let wide = HelpFormatter.element(label: "--a-very-long-option <value>", text: "Text.")
        XCTAssertEqual(wide, ["  --a-very-long-option <value>", String(repeating: " ", count: 26) + "Text."])
        XCTAssertEqual(HelpFormatter.element(label: "--bare", text: ""), ["  --bare"])
    }
}
