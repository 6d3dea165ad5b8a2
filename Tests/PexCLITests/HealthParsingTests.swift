import XCTest

@testable import PexCLI

/// `pexdev health`'s command line and its judgement of replies, without sockets.
final class HealthParsingTests: XCTestCase {
    private func parse(_ arguments: [String], _ environment: [String: String] = [:]) -> Result<
        PexdevCommand, UsageError
    > {
        RootCommand.parse(["health"] + arguments, environment: environment)
    }

    private func options(_ change: (inout HealthOptions) -> Void) -> HealthOptions {
        var options = HealthOptions()
        change(&options)
        return options
    }

    func testAcceptedForms() {
        let cases: [(arguments: [String], environment: [String: String], expected: HealthOptions)] = [
            ([], [:], HealthOptions()),
            (["--port", "9000"], [:], options { $0.port = 9000 }),
            (["-p", "9000", "--host", "::1"], [:], options { ($0.port, $0.host) = (9000, "::1") }),
            (
                [], ["PEXDEV_PORT": "9001", "PEXDEV_HOST": "0.0.0.0"],
                options { ($0.port, $0.host) = (9001, "0.0.0.0") }
            ),
            (["--port", "9002"], ["PEXDEV_PORT": "9001"], options { $0.port = 9002 }),
            (["--url", "http://localhost:81"], [:], options { ($0.host, $0.port) = ("localhost", 81) }),
            // --url ignores the variables, even malformed ones.
            (["--url", "http://h:81/"], ["PEXDEV_PORT": "x"], options { ($0.host, $0.port) = ("h", 81) }),
            (["--url", "http://[::1]:81/__pexdev/health"], [:], options { ($0.host, $0.port) = ("::1", 81) }),
            (["--url", "HTTP://pexdev"], [:], options { ($0.host, $0.port) = ("pexdev", 80) }),
            (["--timeout", "250", "-q"], [:], options { ($0.timeoutMilliseconds, $0.quiet) = (250, true) }),
        ]
        for (arguments, environment, expected) in cases {
            XCTAssertEqual(parse(arguments, environment), .success(.health(expected)), "\(arguments) \(environment)")
        }
    }

    func testUsageErrors() {
        let url = "expected http://<host>[:<port>] (optionally ending in /__pexdev/health)"
        let cases: [(arguments: [String], environment: [String: String], message: String)] = [
            (["--url", "https://h"], [:], "The value 'https://h' is invalid for '--url <url>': \(url)"),
            (["--url", "http://h:99999"], [:], "The value 'http://h:99999' is invalid for '--url <url>': \(url)"),
            (["--url", "http://h/other"], [:], "The value 'http://h/other' is invalid for '--url <url>': \(url)"),
            (["--url", "http://"], [:], "The value 'http://' is invalid for '--url <url>': \(url)"),
            (["--url", "http://u@h"], [:], "The value 'http://u@h' is invalid for '--url <url>': \(url)"),
            (["--url", "http://h", "--port", "1"], [:], "'--url' cannot be used with '--port'"),
            (["--url", "http://h", "--host", "h"], [:], "'--url' cannot be used with '--host'"),
            (
                ["--timeout", "0"], [:],
                "The value '0' is invalid for '--timeout <ms>': expected milliseconds, 1-600000"
            ),
            (["--prot", "1"], [:], "Unknown option '--prot'. Did you mean '--port'?"),
            (
                [], ["PEXDEV_PORT": "http"],
                "The value 'http' of the environment variable PEXDEV_PORT is invalid: expected a port number 0-65535"
            ),
        ]
        for (arguments, environment, message) in cases {
            guard case .failure(let error) = parse(arguments, environment) else {
                XCTFail("\(arguments) parsed, expected: \(message)")
                continue
            }
            XCTAssertEqual(error.message, message, "\(arguments)")
            XCTAssertEqual(error.invocation, "pexdev health")
        }
    }

    func testWildcardAddressesMeanThisMachine() {
        XCTAssertEqual(options { $0.host = "0.0.0.0" }.url, "http://127.0.0.1:8080/__pexdev/health")
        XCTAssertEqual(options { $0.host = "::" }.url, "http://[::1]:8080/__pexdev/health")
        XCTAssertEqual(options { $0.host = "[::1]" }.authority, "[::1]:8080")
        XCTAssertEqual(options { ($0.host, $0.port) = ("pexdev", 81) }.url, "http://pexdev:81/__pexdev/health")
    }

    func testVerdict() {
        func reply(_ text: String) -> [UInt8] { Array(text.utf8) }
        let ok = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 16\r\n\r\n{\"status\":\"ok\"}\n"
        XCTAssertNil(HealthProbe.verdict(reply(ok)))
        XCTAssertNil(HealthProbe.verdict(reply("HTTP/1.0 200 OK\r\n\r\n{ \"status\" : \"ok\" }")))
        let cases: [(String, String)] = [
            ("", "the server closed the connection without a reply"),
            ("HTTP/1.1 200 OK\r\n", "the reply is not HTTP (no complete head)"),
            ("SSH-2.0-OpenSSH\r\n\r\n", "the reply is not HTTP: SSH-2.0-OpenSSH"),
            ("HTTP/1.1 403 Forbidden\r\n\r\nHost 'x' is not allowed", "answered 403 Forbidden, not 200"),
            ("HTTP/1.1 503 Service Unavailable\r\n\r\n", "answered 503 Service Unavailable, not 200"),
            ("HTTP/1.1 200 OK\r\n\r\n<html>", "answered 200 but not {\"status\":\"ok\"}: <html>"),
            (
                "HTTP/1.1 200 OK\r\n\r\n{\"status\":\"starting\"}",
                "answered 200 but not {\"status\":\"ok\"}: {\"status\":\"starting\"}"
            ),
        ]
        for (text, reason) in cases {
            XCTAssertEqual(HealthProbe.verdict(reply(text)), reason, text)
        }
    }
}
