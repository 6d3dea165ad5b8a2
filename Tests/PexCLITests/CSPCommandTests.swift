import Foundation
import PexBranding
import XCTest

@testable import PexCLI

/// `pexdev csp show|check` and the `--csp` family of options, end to end through `PexdevMain.run`.
final class CSPCommandTests: XCTestCase {
    private func run(_ arguments: [String]) -> (status: Int32, standardOutput: String, standardError: String) {
        let standardOutput = RecordingOutput()
        let standardError = RecordingOutput()
        let console = Console(standardOutput: standardOutput, standardError: standardError, colorsStandardError: false)
        let status = PexdevMain.run(arguments, environment: [:], console: console)
        return (status, standardOutput.text, standardError.text)
    }

    func testCheckSaysAllowedOrBlockedAndBySource() {
        let allowed = run([
            "csp", "check", "default-src 'self'; connect-src 'self' https://*.example.com",
            "https://api.example.com/v1",
            "--directive", "connect-src",
        ])
        XCTAssertEqual(allowed.status, 0)
        XCTAssertEqual(
            allowed.standardOutput,
            "allowed: https://api.example.com/v1 — allowed by connect-src https://*.example.com\n")
        let blocked = run(["csp", "check", "default-src 'self'", "https://cdn.example/a.png", "--directive", "img-src"])
        XCTAssertEqual(blocked.status, 1)
        XCTAssertEqual(
            blocked.standardOutput,
            "blocked: https://cdn.example/a.png — blocked by default-src (the fallback for img-src)\n"
                + "allow it with: img-src 'self' https://cdn.example\n")
        let selfOrigin = run([
            "csp", "check", "connect-src 'self'", "ws://127.0.0.1:8080/x", "--self", "http://127.0.0.1:8080",
        ])
        XCTAssertEqual(selfOrigin.status, 0, selfOrigin.standardOutput)
    }

    func testCheckUsageErrorsExit64() {
        for arguments in [
            ["csp", "check"], ["csp", "check", "default-src *"], ["csp", "check", "default-src *", "not a url"],
            ["csp", "check", "default-src *", "https://a.example/", "--directive", "conect-src"],
            ["csp", "check", "conect-src *", "https://a.example/"], ["csp", "chek"],
            ["csp", "check", "nonexistent-file", "https://a.example/"],
        ] {
            let result = run(arguments)
            XCTAssertEqual(result.status, 64, "\(arguments): \(result.standardError)")
            XCTAssertTrue(result.standardError.hasPrefix("Error: "), "\(arguments): \(result.standardError)")
        }
        XCTAssertTrue(run(["csp", "chek"]).standardError.contains("Did you mean 'check'?"))
    }

    func testShowPrintsOneDirectivePerLineWithAssumptions() {
        let result = run(["csp", "show"])
        XCTAssertEqual(result.status, 0)
        let lines = result.standardOutput.split(separator: "\n")
        XCTAssertTrue(lines.contains("connect-src 'self';"))
        XCTAssertTrue(lines.contains("script-src 'self' 'unsafe-inline';"))
        XCTAssertTrue(lines.contains { $0.hasPrefix("# assumed: ") })
        XCTAssertEqual(
            lines.filter { !$0.hasPrefix("#") }.count, ContentSecurityPolicy.nodeDefault.directives.count)
    }

    func testShowWithPoliciesFromTheCommandLineAndAFile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pexdev-csp-\(UUID().uuidString).txt")
        try "# the proxy's rules\nconnect-src 'self';\nimg-src 'self'\n".write(
            to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = run([
            "csp", "show", "--csp", "default-src 'self'; connect-src *", "--proxy-csp", file.path, "--csp-report-only",
        ])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertEqual(
            result.standardOutput,
            """
            # node policy (--csp), sent as Content-Security-Policy-Report-Only:
            default-src 'self';
            connect-src *;
            # reverse proxy policy (--proxy-csp), sent as a second Content-Security-Policy-Report-Only:
            connect-src 'self';
            img-src 'self';
            # pexdev serve adds to each: report-uri /__pexdev/csp-report; report-to pexdev-csp

            """)
        let off = run(["csp", "show", "--csp", "off"])
        XCTAssertEqual(off.standardOutput, "# node policy: off (--csp off)\n")
        XCTAssertEqual(run(["csp", "show", "--csp", "off", "--csp-report-only"]).status, 64)
    }

    func testServeAndCheckParseTheCSPOptions() throws {
        guard
            case .success(.serve(let serve)) = RootCommand.parse(
                ["serve", "--csp", "connect-src 'self'", "--proxy-csp", "img-src 'none'", "--csp-report-only"],
                environment: [:])
        else { return XCTFail("serve did not parse") }
        XCTAssertEqual(serve.csp.node, ContentSecurityPolicy(parsing: "connect-src 'self'"))
        XCTAssertEqual(serve.csp.proxy, ContentSecurityPolicy(parsing: "img-src 'none'"))
        XCTAssertTrue(serve.csp.reportOnly)
        XCTAssertEqual(
            serve.configuration.csp.headers.map(\.name),
            [
                "Content-Security-Policy-Report-Only", "Content-Security-Policy-Report-Only", "Reporting-Endpoints",
            ])
        guard case .success(.serve(let plain)) = RootCommand.parse(["serve"], environment: [:]) else {
            return XCTFail("serve did not parse")
        }
        XCTAssertEqual(plain.csp.node, .nodeDefault)
        XCTAssertEqual(
            plain.configuration.csp.headers.first?.value,
            ContentSecurityPolicy.nodeDefault.headerValue + "; report-uri /__pexdev/csp-report; report-to pexdev-csp")
        guard case .success(.check(let check)) = RootCommand.parse(["check", "--csp", "off"], environment: [:]) else {
            return XCTFail("check did not parse")
        }
        XCTAssertTrue(check.csp.policies.isEmpty)
    }

    func testHelpTopics() {
        XCTAssertTrue(run(["help", "csp"]).standardOutput.contains("SUBCOMMANDS:"))
        XCTAssertTrue(run(["help", "csp", "check"]).standardOutput.contains("USAGE: pexdev csp check <policy> <url>"))
        XCTAssertTrue(run(["csp", "show", "--help"]).standardOutput.contains("--proxy-csp <policy>"))
    }
}
