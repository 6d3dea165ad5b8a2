import PexBranding
import XCTest

/// CSP Level 3 §6.7.2 source-expression matching, as a table: (source list, URL, page, allowed?, by which).
final class CSPEvaluatorTests: XCTestCase {
    struct Case {
        var policy: String
        var url: String
        var directive = "connect-src"
        var page = "https://node.example"
        var allowedBy: String?
        var line: UInt = #line
    }

    static let cases: [Case] = [
        // 'self' and its upgrades
        Case(policy: "connect-src 'self'", url: "https://node.example/api", allowedBy: "'self'"),
        Case(policy: "connect-src 'self'", url: "wss://node.example/events", allowedBy: "'self'"),
        Case(policy: "connect-src 'self'", url: "https://node.example:8443/api", allowedBy: nil),
        Case(policy: "connect-src 'self'", url: "https://other.example/", allowedBy: nil),
        Case(policy: "connect-src 'self'", url: "http://node.example/", allowedBy: nil),
        Case(
            policy: "connect-src 'self'", url: "https://127.0.0.1:8080/x", page: "http://127.0.0.1:8080",
            allowedBy: "'self'"),
        Case(
            policy: "connect-src 'self'", url: "ws://127.0.0.1:8080/x", page: "http://127.0.0.1:8080",
            allowedBy: "'self'"),
        Case(
            policy: "connect-src 'self'", url: "http://127.0.0.1:8081/x", page: "http://127.0.0.1:8080", allowedBy: nil),
        Case(policy: "connect-src 'SELF'", url: "https://node.example/", allowedBy: "'SELF'"),
        // 'none', keywords, nonces and hashes never match URLs
        Case(policy: "connect-src 'none'", url: "https://node.example/", allowedBy: nil),
        Case(
            policy: "script-src 'unsafe-inline' 'unsafe-eval'", url: "https://node.example/a.js",
            directive: "script-src", allowedBy: nil),
        Case(
            policy: "script-src 'nonce-abc' 'sha256-xyz='", url: "https://node.example/a.js", directive: "script-src",
            allowedBy: nil),
        Case(
            policy: "script-src 'self' 'strict-dynamic' 'nonce-a'", url: "https://node.example/a.js",
            directive: "script-src", allowedBy: nil),
        // * matches network schemes, not data: or blob:
        Case(policy: "img-src *", url: "https://cdn.example/a.png", directive: "img-src", allowedBy: "*"),
        Case(policy: "img-src *", url: "data:image/png;base64,AA", directive: "img-src", allowedBy: nil),
        Case(policy: "img-src * data:", url: "data:image/png;base64,AA", directive: "img-src", allowedBy: "data:"),
        Case(policy: "img-src blob:", url: "blob:https://node.example/123", directive: "img-src", allowedBy: "blob:"),
        // scheme sources, with upgrades
        Case(policy: "connect-src https:", url: "https://any.example/", allowedBy: "https:"),
        Case(policy: "connect-src https:", url: "http://any.example/", allowedBy: nil),
        Case(policy: "connect-src http:", url: "https://any.example/", allowedBy: "http:"),
        Case(policy: "connect-src wss:", url: "ws://any.example/", allowedBy: nil),
        Case(policy: "connect-src ws:", url: "wss://any.example/", allowedBy: "ws:"),
        // hosts: exact, wildcards, case
        Case(
            policy: "connect-src https://api.example.com", url: "https://API.example.com/v1",
            allowedBy: "https://api.example.com"),
        Case(policy: "connect-src api.example.com", url: "https://api.example.com/", allowedBy: "api.example.com"),
        Case(policy: "connect-src api.example.com", url: "http://api.example.com/", allowedBy: nil),
        Case(policy: "connect-src *.example.com", url: "https://a.b.example.com/", allowedBy: "*.example.com"),
        Case(policy: "connect-src *.example.com", url: "https://example.com/", allowedBy: nil),
        Case(policy: "connect-src *.example.com", url: "https://badexample.com/", allowedBy: nil),
        Case(policy: "connect-src https://*", url: "https://anything.example/", allowedBy: "https://*"),
        Case(
            policy: "connect-src http://api.example.com", url: "https://api.example.com/",
            allowedBy: "http://api.example.com"),
        // ports
        Case(
            policy: "connect-src https://api.example.com", url: "https://api.example.com:443/",
            allowedBy: "https://api.example.com"),
        Case(policy: "connect-src https://api.example.com", url: "https://api.example.com:8443/", allowedBy: nil),
        Case(
            policy: "connect-src https://api.example.com:8443", url: "https://api.example.com:8443/",
            allowedBy: "https://api.example.com:8443"),
        Case(
            policy: "connect-src https://api.example.com:*", url: "https://api.example.com:9/",
            allowedBy: "https://api.example.com:*"),
        Case(
            policy: "connect-src http://127.0.0.1:9", url: "http://127.0.0.1:10/", page: "http://127.0.0.1:8080",
            allowedBy: nil),
        // paths: trailing / is a prefix, otherwise exact
        Case(
            policy: "connect-src https://api.example.com/v1/", url: "https://api.example.com/v1/x",
            allowedBy: "https://api.example.com/v1/"),
        Case(policy: "connect-src https://api.example.com/v1/", url: "https://api.example.com/v2/x", allowedBy: nil),
        Case(
            policy: "connect-src https://api.example.com/v1", url: "https://api.example.com/v1",
            allowedBy: "https://api.example.com/v1"),
        Case(policy: "connect-src https://api.example.com/v1", url: "https://api.example.com/v1/x", allowedBy: nil),
        Case(
            policy: "connect-src https://api.example.com/a%20b", url: "https://api.example.com/a b",
            allowedBy: "https://api.example.com/a%20b"),
        Case(
            policy: "connect-src https://api.example.com/v1", url: "https://api.example.com/v1?q=1",
            allowedBy: "https://api.example.com/v1"),
        // fallbacks: default-src, and none at all
        Case(policy: "default-src 'self'", url: "https://cdn.example/a.png", directive: "img-src", allowedBy: nil),
        Case(
            policy: "default-src https://cdn.example", url: "https://cdn.example/a.png", directive: "img-src",
            allowedBy: "https://cdn.example"),
        Case(
            policy: "default-src 'none'; img-src *", url: "https://cdn.example/a.png", directive: "img-src",
            allowedBy: "*"),
        Case(
            policy: "default-src 'none'; script-src https://cdn.example", url: "https://cdn.example/a.js",
            directive: "script-src-elem", allowedBy: "https://cdn.example"),
        Case(
            policy: "default-src 'none'; child-src https://f.example", url: "https://f.example/",
            directive: "frame-src", allowedBy: "https://f.example"),
        Case(policy: "img-src 'none'", url: "https://api.example/", directive: "connect-src", allowedBy: ""),
        // the first of a repeated directive wins
        Case(policy: "connect-src 'none'; connect-src *", url: "https://api.example/", allowedBy: nil),
    ]

    func testSourceExpressionMatchingTable() {
        for item in Self.cases {
            guard let url = CSPURL(item.url), let page = CSPURL(item.page) else {
                XCTFail("unparsable URL in the table", line: item.line)
                continue
            }
            let verdict = CSPEvaluator.evaluate(
                url, directive: item.directive, policy: ContentSecurityPolicy(parsing: item.policy), selfOrigin: page)
            switch item.allowedBy {
            case nil:
                XCTAssertFalse(verdict.allowed, "\(item.policy) / \(item.url): \(verdict.explanation)", line: item.line)
            case "":
                XCTAssertTrue(verdict.allowed, line: item.line)
                XCTAssertNil(verdict.governingDirective, line: item.line)
            case let source?:
                XCTAssertTrue(verdict.allowed, "\(item.policy) / \(item.url): \(verdict.explanation)", line: item.line)
                XCTAssertEqual(verdict.matchedSource, source, line: item.line)
            }
        }
    }

    func testSourcesAreClassified() {
        XCTAssertEqual(CSPSource("'self'"), .self)
        XCTAssertEqual(CSPSource("'none'"), .none)
        XCTAssertEqual(CSPSource("*"), .wildcard)
        XCTAssertEqual(CSPSource("data:"), .scheme("data"))
        XCTAssertEqual(CSPSource("'nonce-r4nd0m'"), .nonce("r4nd0m"))
        XCTAssertEqual(CSPSource("'sha256-abc='"), .hash(algorithm: "sha256", value: "abc="))
        XCTAssertEqual(CSPSource("'unsafe-inline'"), .keyword("'unsafe-inline'"))
        XCTAssertEqual(
            CSPSource("https://*.example.com:*/api/"),
            .host(scheme: "https", host: "*.example.com", port: "*", path: "/api/"))
        XCTAssertEqual(CSPSource("'unknown-keyword'"), .invalid("'unknown-keyword'"))
        XCTAssertEqual(CSPSource("exa mple"), .invalid("exa mple"))
        XCTAssertEqual(CSPSource("https://ex*ample.com"), .invalid("https://ex*ample.com"))
    }

    func testPolicyParsingAndRendering() {
        let policy = ContentSecurityPolicy(parsing: "  Default-Src 'self' ;; img-src data:  https:;default-src *;")
        XCTAssertEqual(policy.directives.map(\.name), ["default-src", "img-src"])
        XCTAssertEqual(policy.headerValue, "default-src 'self'; img-src data: https:")
        let reporting = policy.reportingToPexdev
        XCTAssertEqual(reporting.directive("report-uri")?.values, ["/__pexdev/csp-report"])
        XCTAssertEqual(reporting.directive("report-to")?.values, ["pexdev-csp"])
        XCTAssertEqual(reporting.withoutReporting, policy)
    }

    func testInlineCodeNeedsUnsafeInlineWithoutNonces() {
        XCTAssertTrue(CSPEvaluator.allowsInline(directive: "script-src-attr", policy: .nodeDefault))
        XCTAssertTrue(CSPEvaluator.allowsInline(directive: "style-src-attr", policy: .nodeDefault))
        XCTAssertFalse(
            CSPEvaluator.allowsInline(
                directive: "script-src-attr",
                policy: ContentSecurityPolicy(parsing: "script-src 'unsafe-inline' 'nonce-a'")))
        XCTAssertFalse(
            CSPEvaluator.allowsInline(
                directive: "script-src-attr", policy: ContentSecurityPolicy(parsing: "default-src 'self'")))
    }

    func testTheDefaultPolicyAllowsWhatWebapp2Needs() {
        let node = CSPURL(scheme: "https", host: "node.example")
        let policy = ContentSecurityPolicy.nodeDefault
        for (url, directive) in [
            ("https://node.example/api/client/v2/conferences/meet/request_token", "connect-src"),
            ("https://node.example/api/client/v2/conferences/meet/events?token=x", "connect-src"),
            ("https://node.example/webapp2/custom_configuration/plugins/a/a.plugin.js", "script-src-elem"),
            ("data:image/svg+xml;base64,AA", "img-src"), ("blob:https://node.example/1", "img-src"),
        ] {
            let verdict = CSPEvaluator.evaluate(CSPURL(url)!, directive: directive, policy: policy, selfOrigin: node)
            XCTAssertTrue(verdict.allowed, "\(url): \(verdict.explanation)")
        }
        let blocked = CSPEvaluator.evaluate(
            CSPURL("https://api.weather.example/v1")!, directive: "connect-src", policy: policy, selfOrigin: node)
        XCTAssertFalse(blocked.allowed)
        XCTAssertEqual(blocked.explanation, "blocked by connect-src")
        XCTAssertEqual(
            CSPEvaluator.suggestion(for: CSPURL("https://api.weather.example/v1")!, verdict: blocked, policy: policy),
            "connect-src 'self' https://api.weather.example")
    }

    func testURLParsing() {
        XCTAssertEqual(
            CSPURL("HTTPS://User@Api.Example.com:443/v1/x?y#z"),
            CSPURL(scheme: "https", host: "api.example.com", path: "/v1/x"))
        XCTAssertEqual(CSPURL("http://[::1]:8080/")?.host, "[::1]")
        XCTAssertEqual(CSPURL("http://[::1]:8080/")?.port, 8080)
        XCTAssertEqual(CSPURL("data:text/plain,hi")?.host, nil)
        XCTAssertNil(CSPURL("/relative/path"))
        XCTAssertNil(CSPURL("http://host:99999/"))
    }
}
