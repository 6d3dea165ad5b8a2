import XCTest

@testable import PexCLI

final class ServeParsingTests: XCTestCase {
    private typealias Parsed = Result<PexdevCommand, UsageError>

    private func parse(_ arguments: [String], _ environment: [String: String] = [:]) -> Parsed {
        RootCommand.parse(["serve"] + arguments, environment: environment)
    }

    func testAcceptedForms() {
        func options(_ change: (inout ServeOptions) -> Void) -> ServeOptions {
            var options = ServeOptions()
            change(&options)
            return options
        }
        let cases: [(arguments: [String], environment: [String: String], expected: ServeOptions)] = [
            ([], [:], ServeOptions()),
            (["branding"], [:], options { $0.brandingPath = "branding" }),
            (["--port", "9000"], [:], options { $0.port = 9000 }),
            (["--port=9000"], [:], options { $0.port = 9000 }),
            (["-p", "9000"], [:], options { $0.port = 9000 }),
            (["--port", "0"], [:], options { $0.port = 0 }),
            (["--port", "65535"], [:], options { $0.port = 65535 }),
            (["--port", "1", "--port", "2"], [:], options { $0.port = 2 }),
            (["--host", "0.0.0.0"], [:], options { $0.host = "0.0.0.0" }),
            (["--host=::1"], [:], options { $0.host = "::1" }),
            (
                ["--allow-host", "a.local", "--allow-host=b.local"], [:],
                options { $0.allowedHosts = ["a.local", "b.local"] }
            ),
            (["--follow-symlinks"], [:], options { $0.followSymlinks = true }),
            (["-q"], [:], options { $0.verbosity = .quiet }),
            (["--quiet"], [:], options { $0.verbosity = .quiet }),
            (["-v"], [:], options { $0.verbosity = .verbose }),
            (["--verbose", "-v"], [:], options { $0.verbosity = .verbose }),
            (["-vp", "81"], [:], options { ($0.verbosity, $0.port) = (.verbose, 81) }),
            (["--", "--odd-folder"], [:], options { $0.brandingPath = "--odd-folder" }),
            (["-"], [:], options { $0.brandingPath = "-" }),
            (
                ["--verbose", "site", "--port", "1234", "--host", "localhost"], [:],
                options { ($0.verbosity, $0.brandingPath, $0.port, $0.host) = (.verbose, "site", 1234, "localhost") }
            ),
            // Environment supplies defaults; flags win; an empty variable counts as unset.
            ([], ["PEXDEV_PORT": "9001"], options { $0.port = 9001 }),
            (["--port", "9002"], ["PEXDEV_PORT": "9001"], options { $0.port = 9002 }),
            (["--port", "9002"], ["PEXDEV_PORT": "not-a-port"], options { $0.port = 9002 }),
            ([], ["PEXDEV_PORT": ""], ServeOptions()),
            ([], ["PEXDEV_HOST": "0.0.0.0"], options { $0.host = "0.0.0.0" }),
            (["--host", "127.0.0.2"], ["PEXDEV_HOST": "0.0.0.0"], options { $0.host = "127.0.0.2" }),
            ([], ["PEXDEV_HOST": ""], ServeOptions()),
        ]
        for (arguments, environment, expected) in cases {
            XCTAssertEqual(
                parse(arguments, environment), .success(.serve(expected)), "pexdev serve \(arguments) \(environment)")
        }
    }

    func testDefaults() {
        let defaults = ServeOptions()
        XCTAssertEqual(defaults.brandingPath, ".")
        XCTAssertEqual(defaults.host, "127.0.0.1")
        XCTAssertEqual(defaults.port, 8080)
        XCTAssertEqual(defaults.verbosity, .normal)
        let configuration = ServeOptions(
            brandingPath: "b", host: "h", port: 1, allowedHosts: ["x"], followSymlinks: true
        )
        .configuration
        XCTAssertEqual(configuration.brandingPath, "b")
        XCTAssertEqual(configuration.host, "h")
        XCTAssertEqual(configuration.port, 1)
        XCTAssertEqual(configuration.allowedHosts, ["x"])
        XCTAssertTrue(configuration.followSymlinks)
    }

    func testUsageErrors() {
        let portExpectation = "expected a port number 0-65535"
        let cases: [(arguments: [String], environment: [String: String], message: String)] = [
            (["--prot", "1"], [:], "Unknown option '--prot'. Did you mean '--port'?"),
            (["--prot=1"], [:], "Unknown option '--prot'. Did you mean '--port'?"),
            (["--hots", "x"], [:], "Unknown option '--hots'. Did you mean '--host'?"),
            (["--verbsoe"], [:], "Unknown option '--verbsoe'. Did you mean '--verbose'?"),
            (["--allow-hosts", "x"], [:], "Unknown option '--allow-hosts'. Did you mean '--allow-host'?"),
            (["-port", "1"], [:], "Unknown option '-port'. Did you mean '--port'?"),
            (["--frobnicate"], [:], "Unknown option '--frobnicate'"),
            (["-x"], [:], "Unknown option '-x'"),
            (["--version"], [:], "Unknown option '--version'"),
            (["--port"], [:], "Missing value for '--port <port>'"),
            (["-p"], [:], "Missing value for '--port <port>'"),
            (["--port", "--verbose"], [:], "Missing value for '--port <port>'"),
            (["--port", "--"], [:], "Missing value for '--port <port>'"),
            (["--host"], [:], "Missing value for '--host <address>'"),
            (["--allow-host"], [:], "Missing value for '--allow-host <name>'"),
            (["--port", "abc"], [:], "The value 'abc' is invalid for '--port <port>': \(portExpectation)"),
            (["-p", "65536"], [:], "The value '65536' is invalid for '--port <port>': \(portExpectation)"),
            (["--port", "-1"], [:], "The value '-1' is invalid for '--port <port>': \(portExpectation)"),
            (["--port", "+80"], [:], "The value '+80' is invalid for '--port <port>': \(portExpectation)"),
            (["--port", " 80"], [:], "The value ' 80' is invalid for '--port <port>': \(portExpectation)"),
            (["--port="], [:], "The value '' is invalid for '--port <port>': \(portExpectation)"),
            (["--host="], [:], "The value '' is invalid for '--host <address>': expected an address"),
            (["--allow-host", ""], [:], "The value '' is invalid for '--allow-host <name>': expected a host name"),
            (["--follow-symlinks=yes"], [:], "The flag '--follow-symlinks' does not take a value"),
            (["-q", "-v"], [:], "'--quiet' cannot be used with '--verbose'"),
            (["--verbose", "--quiet"], [:], "'--quiet' cannot be used with '--verbose'"),
            (["-qv"], [:], "'--quiet' cannot be used with '--verbose'"),
            (["a", "b"], [:], "Unexpected argument 'b' ('pexdev serve' takes one <path>)"),
            (["--", "a", "b"], [:], "Unexpected argument 'b' ('pexdev serve' takes one <path>)"),
            (
                [], ["PEXDEV_PORT": "abc"],
                "The value 'abc' of the environment variable PEXDEV_PORT is invalid: \(portExpectation)"
            ),
            (
                [], ["PEXDEV_PORT": "70000"],
                "The value '70000' of the environment variable PEXDEV_PORT is invalid: \(portExpectation)"
            ),
            (
                [], ["PEXDEV_HOST": "a b"],
                "The value 'a b' of the environment variable PEXDEV_HOST is invalid: expected an address"
            ),
        ]
        for (arguments, environment, message) in cases {
            let label = "pexdev serve \(arguments) \(environment)"
            guard case .failure(let error) = parse(arguments, environment) else {
                XCTFail("\(label) parsed, expected: \(message)")
                continue
            }
            XCTAssertEqual(error.message, message, label)
            XCTAssertEqual(error.invocation, "pexdev serve", label)
            XCTAssertEqual(error.helpInvocation, "pexdev help serve", label)
            XCTAssertEqual(error.exitStatus, 64, label)
        }
    }

    /// Asking for help wins over anything else wrong on the line, as in swift-argument-parser; after `--` it is
    /// just a folder name.
    func testHelpWins() {
        for arguments in [
            ["--help"], ["-h"], ["--prot", "1", "--help"], ["--port", "abc", "-h"], ["-q", "-v", "-h"],
        ] {
            XCTAssertEqual(parse(arguments), .success(.help(.serve)), "\(arguments)")
        }
        var options = ServeOptions()
        options.brandingPath = "--help"
        XCTAssertEqual(parse(["--", "--help"]), .success(.serve(options)))
    }
}
