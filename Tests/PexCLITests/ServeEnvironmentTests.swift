import XCTest

@testable import PexCLI

/// Every serve and mock option can come from a `PEXDEV_*` variable (a container's way to configure pexdev); a
/// flag on the command line wins, and a variable that cannot be meant is a usage error naming it.
final class ServeEnvironmentTests: XCTestCase {
    private func serve(_ arguments: [String], _ environment: [String: String]) -> Result<PexdevCommand, UsageError> {
        RootCommand.parse(["serve"] + arguments, environment: environment)
    }

    private func options(_ change: (inout ServeOptions) -> Void) -> ServeOptions {
        var options = ServeOptions()
        change(&options)
        return options
    }

    func testEveryVariableSetsItsOption() {
        let cases: [(environment: [String: String], expected: ServeOptions)] = [
            (["PEXDEV_BRANDING": "/branding"], options { $0.brandingPath = "/branding" }),
            (["PEXDEV_PORT": "9001"], options { $0.port = 9001 }),
            (["PEXDEV_HOST": "0.0.0.0"], options { $0.host = "0.0.0.0" }),
            (["PEXDEV_ALLOW_HOSTS": "pexdev"], options { $0.allowedHosts = ["pexdev"] }),
            (["PEXDEV_ALLOW_HOSTS": "a.local, b.local ,,"], options { $0.allowedHosts = ["a.local", "b.local"] }),
            (["PEXDEV_SCENARIO": "s.json"], options { $0.scenarioPath = "s.json" }),
            (["PEXDEV_POLL": "500"], options { $0.pollMilliseconds = 500 }),
            (["PEXDEV_FOLLOW_SYMLINKS": "1"], options { $0.followSymlinks = true }),
            (["PEXDEV_STRICT_BRANDING": "true"], options { $0.strictBranding = true }),
            (["PEXDEV_BUMP_BRANDING_ID": "yes"], options { $0.bumpBrandingID = true }),
            (["PEXDEV_DEV_SHELL": "TRUE"], options { $0.devShell = true }),
            (["PEXDEV_QUIET": "Yes"], options { $0.verbosity = .quiet }),
            (["PEXDEV_VERBOSE": " 1 "], options { $0.verbosity = .verbose }),
            (["PEXDEV_FOLLOW_SYMLINKS": "0"], ServeOptions()),
            (["PEXDEV_STRICT_BRANDING": "false"], ServeOptions()),
            (["PEXDEV_BUMP_BRANDING_ID": "no"], ServeOptions()),
            (["PEXDEV_DEV_SHELL": "No"], ServeOptions()),
            (["PEXDEV_QUIET": "0", "PEXDEV_VERBOSE": "0"], ServeOptions()),
            (["PEXDEV_QUIET": "0", "PEXDEV_VERBOSE": "1"], options { $0.verbosity = .verbose }),
            // Empty counts as unset, as for PEXDEV_PORT.
            (
                [
                    "PEXDEV_BRANDING": "", "PEXDEV_ALLOW_HOSTS": "", "PEXDEV_FOLLOW_SYMLINKS": "", "PEXDEV_QUIET": "",
                    "PEXDEV_VERBOSE": "", "PEXDEV_DEV_SHELL": "",
                ],
                ServeOptions()
            ),
            // The compose file's set, all at once.
            (
                [
                    "PEXDEV_BRANDING": "/branding", "PEXDEV_HOST": "0.0.0.0", "PEXDEV_PORT": "8080",
                    "PEXDEV_ALLOW_HOSTS": "localhost,pexdev", "PEXDEV_POLL": "300", "PEXDEV_VERBOSE": "1",
                ],
                options {
                    ($0.brandingPath, $0.host, $0.port, $0.allowedHosts) = (
                        "/branding", "0.0.0.0", 8080,
                        [
                            "localhost", "pexdev",
                        ]
                    )
                    ($0.pollMilliseconds, $0.verbosity) = (300, .verbose)
                }
            ),
        ]
        for (environment, expected) in cases {
            XCTAssertEqual(serve([], environment), .success(.serve(expected)), "\(environment)")
        }
    }

    func testFlagsWin() {
        let cases: [(arguments: [String], environment: [String: String], expected: ServeOptions)] = [
            (["site"], ["PEXDEV_BRANDING": "/branding"], options { $0.brandingPath = "site" }),
            (["--allow-host", "c"], ["PEXDEV_ALLOW_HOSTS": "a,b"], options { $0.allowedHosts = ["c"] }),
            // A flag given makes its variable irrelevant, even a malformed one.
            (["--follow-symlinks"], ["PEXDEV_FOLLOW_SYMLINKS": "0"], options { $0.followSymlinks = true }),
            (["--dev-shell"], ["PEXDEV_DEV_SHELL": "maybe"], options { $0.devShell = true }),
            (["--allow-host", "c"], ["PEXDEV_ALLOW_HOSTS": "a b"], options { $0.allowedHosts = ["c"] }),
            (["--poll", "100"], ["PEXDEV_POLL": "5"], options { $0.pollMilliseconds = 100 }),
            (["--scenario", "x.json"], ["PEXDEV_SCENARIO": "y.json"], options { $0.scenarioPath = "x.json" }),
            // Either verbosity flag replaces both variables.
            (["--quiet"], ["PEXDEV_VERBOSE": "1"], options { $0.verbosity = .quiet }),
            (["-v"], ["PEXDEV_QUIET": "1", "PEXDEV_VERBOSE": "1"], options { $0.verbosity = .verbose }),
        ]
        for (arguments, environment, expected) in cases {
            XCTAssertEqual(serve(arguments, environment), .success(.serve(expected)), "\(arguments) \(environment)")
        }
    }

    func testMalformedVariablesAreUsageErrorsNamingThem() {
        let switches = "expected 1, true, yes, 0, false or no"
        let cases: [(environment: [String: String], message: String)] = [
            (
                ["PEXDEV_FOLLOW_SYMLINKS": "on"],
                "The value 'on' of the environment variable PEXDEV_FOLLOW_SYMLINKS is invalid: \(switches)"
            ),
            (
                ["PEXDEV_STRICT_BRANDING": "2"],
                "The value '2' of the environment variable PEXDEV_STRICT_BRANDING is invalid: \(switches)"
            ),
            (
                ["PEXDEV_BUMP_BRANDING_ID": "y"],
                "The value 'y' of the environment variable PEXDEV_BUMP_BRANDING_ID is invalid: \(switches)"
            ),
            (
                ["PEXDEV_DEV_SHELL": "enabled"],
                "The value 'enabled' of the environment variable PEXDEV_DEV_SHELL is invalid: \(switches)"
            ),
            (["PEXDEV_QUIET": "-1"], "The value '-1' of the environment variable PEXDEV_QUIET is invalid: \(switches)"),
            (
                ["PEXDEV_VERBOSE": "verbose"],
                "The value 'verbose' of the environment variable PEXDEV_VERBOSE is invalid: \(switches)"
            ),
            (
                ["PEXDEV_QUIET": "1", "PEXDEV_VERBOSE": "true"],
                "PEXDEV_QUIET and PEXDEV_VERBOSE cannot both be on; set one of them to 0"
            ),
            (
                ["PEXDEV_ALLOW_HOSTS": "a b"],
                "The value 'a b' of the environment variable PEXDEV_ALLOW_HOSTS is invalid: "
                    + "expected host names separated by commas"
            ),
            (
                ["PEXDEV_ALLOW_HOSTS": " , "],
                "The value ' , ' of the environment variable PEXDEV_ALLOW_HOSTS is invalid: "
                    + "expected host names separated by commas"
            ),
            (
                ["PEXDEV_BRANDING": "my branding"],
                "The value 'my branding' of the environment variable PEXDEV_BRANDING is invalid: expected a folder"
            ),
            (
                ["PEXDEV_POLL": "5"],
                "The value '5' of the environment variable PEXDEV_POLL is invalid: "
                    + "expected a number of milliseconds, 20-60000"
            ),
        ]
        for (environment, message) in cases {
            guard case .failure(let error) = serve([], environment) else {
                XCTFail("\(environment) parsed, expected: \(message)")
                continue
            }
            XCTAssertEqual(error.message, message, "\(environment)")
            XCTAssertEqual(error.exitStatus, 64)
            XCTAssertEqual(error.invocation, "pexdev serve")
        }
    }

    func testMockHonoursTheSharedVariables() {
        var expected = MockOptions()
        (expected.host, expected.port, expected.allowedHosts) = ("0.0.0.0", 9100, ["mock", "pexdev-mock"])
        (expected.scenarioPath, expected.verbosity) = ("/scenario.json", .quiet)
        let environment = [
            "PEXDEV_HOST": "0.0.0.0", "PEXDEV_MOCK_PORT": "9100", "PEXDEV_ALLOW_HOSTS": "mock,pexdev-mock",
            "PEXDEV_SCENARIO": "/scenario.json", "PEXDEV_QUIET": "1",
        ]
        XCTAssertEqual(RootCommand.parse(["mock"], environment: environment), .success(.mock(expected)))
        guard case .failure(let error) = RootCommand.parse(["mock"], environment: ["PEXDEV_VERBOSE": "loud"]) else {
            return XCTFail("PEXDEV_VERBOSE=loud accepted")
        }
        XCTAssertEqual(error.invocation, "pexdev mock")
        XCTAssertTrue(error.message.contains("PEXDEV_VERBOSE"), error.message)
    }

    /// Help lists every variable an option reads, so the ENVIRONMENT section is the complete table.
    func testHelpListsEveryVariable() {
        for spec in [ServeCommand.spec, MockCommand.spec] {
            let listed = Set(spec.environment.map(\.name))
            let read = spec.options.compactMap(\.environmentVariable) + spec.arguments.compactMap(\.environmentVariable)
            for variable in read {
                XCTAssertTrue(listed.contains(variable), "\(spec.invocation) help lacks \(variable)")
            }
        }
        XCTAssertEqual(
            ServeCommand.spec.environment.map(\.name).filter { $0.hasPrefix("PEXDEV_") }.sorted(),
            [
                "PEXDEV_ALLOW_HOSTS", "PEXDEV_BRANDING", "PEXDEV_BUMP_BRANDING_ID", "PEXDEV_CA_FILE",
                "PEXDEV_DEV_SHELL",
                "PEXDEV_FOLLOW_SYMLINKS", "PEXDEV_HOST", "PEXDEV_INSECURE", "PEXDEV_MOCK", "PEXDEV_NODE", "PEXDEV_POLL",
                "PEXDEV_PORT", "PEXDEV_PUBLIC_DIR", "PEXDEV_QUIET", "PEXDEV_REAL_APP", "PEXDEV_SCENARIO",
                "PEXDEV_STRICT_BRANDING", "PEXDEV_VERBOSE",
            ])
    }
}
