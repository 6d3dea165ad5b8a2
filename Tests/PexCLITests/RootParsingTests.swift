import XCTest

@testable import PexCLI

final class RootParsingTests: XCTestCase {
    func testCommands() {
        let cases: [(arguments: [String], expected: PexdevCommand)] = [
            ([], .help(.root)),
            (["--help"], .help(.root)),
            (["-h"], .help(.root)),
            (["help"], .help(.root)),
            (["help", "help"], .help(.root)),
            (["help", "serve"], .help(.serve)),
            (["serve", "--help"], .help(.serve)),
            (["serve", "-h"], .help(.serve)),
            (["--version"], .version),
            (["serve"], .serve(ServeOptions())),
        ]
        for (arguments, expected) in cases {
            XCTAssertEqual(RootCommand.parse(arguments, environment: [:]), .success(expected), "\(arguments)")
        }
    }

    func testUsageErrors() {
        let cases: [(arguments: [String], message: String)] = [
            (["serv"], "Unknown subcommand 'serv'. Did you mean 'serve'?"),
            (["sever"], "Unknown subcommand 'sever'. Did you mean 'serve'?"),
            (["Serve"], "Unknown subcommand 'Serve'. Did you mean 'serve'?"),
            (["hlep"], "Unknown subcommand 'hlep'. Did you mean 'help'?"),
            (["frobnicate"], "Unknown subcommand 'frobnicate'"),
            (["help", "serv"], "Unknown subcommand 'serv'. Did you mean 'serve'?"),
            (["help", "serve", "extra"], "Unexpected argument 'extra'"),
            (["--verison"], "Unknown option '--verison'. Did you mean '--version'?"),
            (["--frobnicate"], "Unknown option '--frobnicate'"),
            (["--port", "80"], "Unknown option '--port'. Did you mean 'pexdev serve --port'?"),
            (["--port=80"], "Unknown option '--port'. Did you mean 'pexdev serve --port'?"),
            (["-v"], "Unknown option '-v'. Did you mean 'pexdev serve -v'?"),
            (["./site"], "Unknown subcommand './site'. Did you mean 'pexdev serve ./site'?"),
            (["."], "Unknown subcommand '.'. Did you mean 'pexdev serve .'?"),
        ]
        for (arguments, message) in cases {
            guard case .failure(let error) = RootCommand.parse(arguments, environment: [:]) else {
                XCTFail("\(arguments) parsed, expected: \(message)")
                continue
            }
            XCTAssertEqual(error.message, message, "\(arguments)")
            XCTAssertEqual(error.invocation, "pexdev", "\(arguments)")
            XCTAssertEqual(error.exitStatus, 64, "\(arguments)")
        }
    }
}
