import PexBranding
import XCTest

/// Reports in both browser formats, attributed to a plugin by source file, with the fix.
final class CSPViolationTests: XCTestCase {
    let explainer = CSPViolationExplainer(
        pluginsBySource: ["plugins/weather/weather.plugin.js": "weather"],
        brandingMount: "/webapp2/custom_configuration/",
        policies: [("node", .nodeDefault), ("proxy", ContentSecurityPolicy(parsing: "connect-src 'self'"))])

    func testReportURIFormat() {
        let body = """
            {"csp-report": {"document-uri": "http://127.0.0.1:8080/webapp2/?conference=meet",
             "violated-directive": "connect-src", "effective-directive": "connect-src",
             "original-policy": "\(ContentSecurityPolicy.nodeDefault.reportingToPexdev.headerValue)",
             "disposition": "enforce", "blocked-uri": "https://api.weather.example/v1/today",
             "source-file": "http://127.0.0.1:8080/webapp2/custom_configuration/plugins/weather/weather.plugin.js?pexdev-reload=2",
             "line-number": 42, "column-number": 9, "status-code": 200}}
            """
        let violations = CSPViolation.parse(Array(body.utf8))
        XCTAssertEqual(violations.count, 1)
        let explanation = explainer.explain(violations[0])
        XCTAssertEqual(explanation.plugin, "weather")
        XCTAssertEqual(explanation.policyLabel, "node")
        XCTAssertEqual(
            explanation.line,
            "csp: plugin \"weather\" (plugins/weather/weather.plugin.js:42:9) blocked connect-src "
                + "https://api.weather.example/v1/today — allow it with: connect-src 'self' https://api.weather.example"
        )
    }

    func testReportingAPIFormatReportOnlyAndProxy() {
        let body = """
            [{"type": "csp-violation", "age": 3, "url": "http://127.0.0.1:8080/webapp2/", "user_agent": "x",
              "body": {"documentURL": "http://127.0.0.1:8080/webapp2/", "blockedURL": "https://api.weather.example/x",
                       "effectiveDirective": "connect-src", "originalPolicy": "connect-src 'self'; report-to pexdev-csp",
                       "disposition": "report", "sourceFile": "http://127.0.0.1:8080/elsewhere.js", "lineNumber": 3,
                       "columnNumber": 1}},
             {"type": "deprecation", "body": {}}]
            """
        let violations = CSPViolation.parse(Array(body.utf8))
        XCTAssertEqual(violations.count, 1)
        let explanation = explainer.explain(violations[0])
        XCTAssertNil(explanation.plugin)
        XCTAssertEqual(explanation.policyLabel, "proxy")
        XCTAssertEqual(
            explanation.line,
            "csp: http://127.0.0.1:8080/elsewhere.js:3:1 would be blocked (report-only) connect-src "
                + "https://api.weather.example/x by the proxy policy — allow it with: connect-src 'self' "
                + "https://api.weather.example")
    }

    func testInlineViolationSuggestsTheKeyword() {
        let violation = CSPViolation(
            blockedURL: "inline", directive: "script-src-attr", originalPolicy: "script-src 'self'")
        XCTAssertEqual(explainer.explain(violation).suggestion, "script-src-attr 'self' 'unsafe-inline'")
    }

    func testHostileInputGivesNothingOrSanitisedText() {
        for body in [
            "", "null", "[]", "{}", "{\"csp-report\": 3}", "[1, \"a\", {\"type\": \"csp-violation\"}]", "\u{0}\u{1}",
        ] {
            XCTAssertEqual(CSPViolation.parse(Array(body.utf8)), [], body)
        }
        let escape = "{\"csp-report\": {\"blocked-uri\": \"https://x.example/\\u001b[31mred\", \"line-number\": -4}}"
        let violation = CSPViolation.parse(Array(escape.utf8)).first
        XCTAssertEqual(violation?.blockedURL, "https://x.example/?[31mred")
        XCTAssertNil(violation?.line)
    }
}

/// PEX701/PEX702 follow the policies given to the checker (`--csp`, `--proxy-csp`).
final class CSPRuleTests: XCTestCase {
    private func codes(_ policies: [(label: String, policy: ContentSecurityPolicy)]) throws -> [String] {
        let root = try BrandingLocator.locate(
            RuleFixtureTests.fixtures + "/broken/csp-blocked/webapp2", currentDirectory: "/")
        return BrandingChecker.check(root, policies: policies).diagnostics.map { "\($0.code) \($0.message)" }
    }

    func testRulesFollowTheActivePolicies() throws {
        let off = try codes([])
        XCTAssertFalse(off.contains { $0.hasPrefix("PEX701") }, "\(off)")
        XCTAssertEqual(off.filter { $0.hasPrefix("PEX702") }.count, 1, "mixed content does not depend on the policy")

        let allowing = ContentSecurityPolicy(
            parsing: "default-src 'self'; connect-src 'self' https://api.weather.example http://legacy.example.com")
        XCTAssertFalse(try codes([("node", allowing)]).contains { $0.hasPrefix("PEX701") })

        let layered = try codes([("node", allowing), ("proxy", ContentSecurityPolicy(parsing: "connect-src 'self'"))])
        let blocked = layered.filter { $0.hasPrefix("PEX701") }
        XCTAssertEqual(blocked.count, 2, "\(layered)")
        XCTAssertTrue(blocked.allSatisfy { $0.hasSuffix("(proxy policy)") }, "\(blocked)")
    }
}
