import XCTest

@testable import PexCLI

final class CheckParsingTests: XCTestCase {
    private typealias Parsed = Result<PexdevCommand, UsageError>

    private func parse(_ arguments: [String], _ environment: [String: String] = [:]) -> Parsed {
        RootCommand.parse(["check"] + arguments, environment: environment)
    }

    private func options(_ change: (inout CheckOptions) -> Void) -> CheckOptions {
        var options = CheckOptions()
        change(&options)
        return options
    }

    func testAcceptedForms() {
        let cases: [(arguments: [String], environment: [String: String], expected: CheckOptions)] = [
            ([], [:], CheckOptions()),
            (["webapp2"], [:], options { $0.brandingPath = "webapp2" }),
            (["./webapp2/"], [:], options { $0.brandingPath = "./webapp2/" }),
            (["--format", "text"], [:], CheckOptions()),
            (["--format", "json"], [:], options { $0.format = .json }),
            (["--format=github"], [:], options { $0.format = .github }),
            (["--format", "json", "--format", "github"], [:], options { $0.format = .github }),
            (["--warnings-as-errors"], [:], options { $0.warningsAsErrors = true }),
            (["-q"], [:], options { $0.quiet = true }),
            (["--quiet"], [:], options { $0.quiet = true }),
            (
                ["--quiet", "site", "--warnings-as-errors", "--format", "github"], [:],
                options { ($0.quiet, $0.brandingPath, $0.warningsAsErrors, $0.format) = (true, "site", true, .github) }
            ),
            (["--", "--odd-folder"], [:], options { $0.brandingPath = "--odd-folder" }),
            // Colour: NO_COLOR set to anything, or TERM=dumb, turns it off; an empty NO_COLOR does not.
            ([], ["NO_COLOR": "1"], options { $0.environmentAllowsColor = false }),
            ([], ["TERM": "dumb"], options { $0.environmentAllowsColor = false }),
            ([], ["NO_COLOR": ""], CheckOptions()),
        ]
        for (arguments, environment, expected) in cases {
            XCTAssertEqual(
                parse(arguments, environment), .success(.check(expected)), "pexdev check \(arguments) \(environment)")
        }
    }

    func testDefaults() {
        let defaults = CheckOptions()
        XCTAssertEqual(defaults.brandingPath, ".")
        XCTAssertEqual(defaults.format, .text)
        XCTAssertFalse(defaults.warningsAsErrors)
        XCTAssertFalse(defaults.quiet)
        XCTAssertEqual(CheckOptions.Format.allCases.map(\.rawValue), ["text", "json", "github"])
    }

    func testUsageErrors() {
        let formats = "expected one of text, json, github"
        let cases: [(arguments: [String], message: String)] = [
            (["--fromat", "json"], "Unknown option '--fromat'. Did you mean '--format'?"),
            (["--formats=json"], "Unknown option '--formats'. Did you mean '--format'?"),
            (["--warnings-as-error"], "Unknown option '--warnings-as-error'. Did you mean '--warnings-as-errors'?"),
            (["--quite"], "Unknown option '--quite'. Did you mean '--quiet'?"),
            (["--port", "1"], "Unknown option '--port'"),
            (["-v"], "Unknown option '-v'"),
            (["--format"], "Missing value for '--format <format>'"),
            (["--format", "--quiet"], "Missing value for '--format <format>'"),
            (["--format", "xml"], "The value 'xml' is invalid for '--format <format>': \(formats)"),
            (["--format="], "The value '' is invalid for '--format <format>': \(formats)"),
            (
                ["--format", "jsno"],
                "The value 'jsno' is invalid for '--format <format>': \(formats). Did you mean 'json'?"
            ),
            (
                ["--format", "JSON"],
                "The value 'JSON' is invalid for '--format <format>': \(formats). Did you mean 'json'?"
            ),
            (
                ["--format", "githbu"],
                "The value 'githbu' is invalid for '--format <format>': \(formats). Did you mean 'github'?"
            ),
            (["--quiet=yes"], "The flag '--quiet' does not take a value"),
            (["--warnings-as-errors=1"], "The flag '--warnings-as-errors' does not take a value"),
            (["a", "b"], "Unexpected argument 'b' ('pexdev check' takes one <path>)"),
        ]
        for (arguments, message) in cases {
            let label = "pexdev check \(arguments)"
            guard case .failure(let error) = parse(arguments) else {
                XCTFail("\(label) parsed, expected: \(message)")
                continue
            }
            XCTAssertEqual(error.message, message, label)
            XCTAssertEqual(error.invocation, "pexdev check", label)
            XCTAssertEqual(error.helpInvocation, "pexdev help check", label)
            XCTAssertEqual(error.exitStatus, 64, label)
        }
    }

    func testRootCommandKnowsCheck() {
        let commands: [([String], PexdevCommand)] = [
            (["check"], .check(CheckOptions())),
            (["help", "check"], .help(.check)),
            (["check", "--help"], .help(.check)),
            (["check", "-h"], .help(.check)),
            // Help wins over mistakes elsewhere on the line.
            (["check", "--fromat", "x", "-h"], .help(.check)),
            (["check", "--format", "xml", "--help"], .help(.check)),
        ]
        for (arguments, expected) in commands {
            XCTAssertEqual(RootCommand.parse(arguments, environment: [:]), .success(expected), "\(arguments)")
        }
        let mistakes: [([String], String)] = [
            (["chekc"], "Unknown subcommand 'chekc'. Did you mean 'check'?"),
            (["Check"], "Unknown subcommand 'Check'. Did you mean 'check'?"),
            (["help", "chek"], "Unknown subcommand 'chek'. Did you mean 'check'?"),
            (["--format", "json"], "Unknown option '--format'. Did you mean 'pexdev check --format'?"),
            (
                ["--warnings-as-errors"],
                "Unknown option '--warnings-as-errors'. Did you mean 'pexdev check --warnings-as-errors'?"
            ),
            // Both subcommands have --quiet; serve came first and stays the suggestion.
            (["-q"], "Unknown option '-q'. Did you mean 'pexdev serve -q'?"),
        ]
        for (arguments, message) in mistakes {
            guard case .failure(let error) = RootCommand.parse(arguments, environment: [:]) else {
                XCTFail("\(arguments) parsed, expected: \(message)")
                continue
            }
            XCTAssertEqual(error.message, message, "\(arguments)")
            XCTAssertEqual(error.exitStatus, 64, "\(arguments)")
        }
    }

    func testUsageErrorIsRenderedLikeArgumentParser() {
        let standardOutput = RecordingOutput()
        let standardError = RecordingOutput()
        let console = Console(standardOutput: standardOutput, standardError: standardError, colorsStandardError: false)
        let status = PexdevMain.run(["check", "--format", "xml"], environment: [:], console: console)
        XCTAssertEqual(status, 64)
        XCTAssertEqual(standardOutput.text, "")
        XCTAssertEqual(
            standardError.text,
            """
            Error: The value 'xml' is invalid for '--format <format>': expected one of text, json, github

            Usage: pexdev check [<path>] [--format <format>] [--warnings-as-errors]
                                [--csp <policy>] [--proxy-csp <policy>] [--quiet]
              See 'pexdev help check' for more information.

            """)
    }

    func testHelp() {
        let help = HelpFormatter.render(CheckCommand.spec)
        let headings = [
            "OVERVIEW: ", "Exit status: ", "USAGE: pexdev check [<path>]", "ARGUMENTS:", "OPTIONS:", "ENVIRONMENT:",
        ]
        let positions = headings.map { help.range(of: $0)?.lowerBound }
        XCTAssertFalse(positions.contains(nil), "missing a section in:\n\(help)")
        let found = positions.compactMap { $0 }
        XCTAssertEqual(found, found.sorted(), "sections out of order in:\n\(help)")

        let flat = help.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let expected = [
            "<path>", "(default: .)", "--format <format>", "text", "json", "github", "(default: text)",
            "--warnings-as-errors", "-q, --quiet", "-h, --help", "NO_COLOR", "0 when there are no errors",
            "1 when there are errors", "64 when the command line is wrong", "$ pexdev check ./webapp2",
            "$ pexdev check --format github --warnings-as-errors",
        ]
        for fragment in expected {
            XCTAssertTrue(flat.contains(fragment), "check help lacks '\(fragment)':\n\(help)")
        }
        for line in help.split(separator: "\n") {
            XCTAssertLessThanOrEqual(line.count, 80, "too wide: \(line)")
        }
        let root = HelpFormatter.render(RootCommand.spec)
        XCTAssertTrue(
            root.contains("  check                   Check a Webapp2 branding folder and its plugins.\n"),
            root)
    }

    func testHelpGoesToStandardOutput() {
        for arguments in [["help", "check"], ["check", "--help"], ["check", "-h"]] {
            let standardOutput = RecordingOutput()
            let standardError = RecordingOutput()
            let console = Console(
                standardOutput: standardOutput, standardError: standardError, colorsStandardError: false)
            XCTAssertEqual(PexdevMain.run(arguments, environment: [:], console: console), 0)
            XCTAssertEqual(standardOutput.text, HelpFormatter.render(CheckCommand.spec), "\(arguments)")
            XCTAssertEqual(standardError.text, "")
        }
    }
}
