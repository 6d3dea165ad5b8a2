import XCTest

@testable import PexHTTP

/// Dispatch on the raw path: exact routes first, then the longest matching prefix.
final class RouterTests: XCTestCase {
    /// A handler that only says which route it is.
    private struct Route: HTTPHandler {
        let name: String
        func handle(_ request: HTTPRequest, responder: HTTPResponder) {}
    }

    private func routed(_ router: Router, _ path: String) -> String? {
        (router.handler(for: path) as? Route)?.name
    }

    private func makeRouter() -> Router {
        var router = Router()
        router.add(prefix: "/", Route(name: "root prefix"))
        router.add(prefix: "/webapp2/", Route(name: "webapp2 prefix"))
        router.add(prefix: "/__pexdev/", Route(name: "dev prefix"))
        router.add(prefix: "/__pexdev/mock/", Route(name: "mock prefix"))
        router.add(exactly: "/webapp2", Route(name: "webapp2 redirect"))
        router.add(exactly: "/__pexdev/events", Route(name: "events"))
        return router
    }

    func testTable() {
        let router = makeRouter()
        let cases: [(path: String, route: String)] = [
            ("/webapp2", "webapp2 redirect"),
            ("/webapp2/", "webapp2 prefix"),
            ("/webapp2/index.html", "webapp2 prefix"),
            ("/__pexdev/events", "events"),
            ("/__pexdev/events/more", "dev prefix"),
            ("/__pexdev/mock/conference", "mock prefix"),
            ("/__pexdev/mock/", "mock prefix"),
            ("/__pexdev/mock", "dev prefix"),
            ("/__pexdev/other", "dev prefix"),
            ("/", "root prefix"),
            ("/favicon.ico", "root prefix"),
        ]
        for (path, route) in cases {
            XCTAssertEqual(routed(router, path), route, path)
        }
    }

    func testExactBeatsAPrefixOfTheSamePath() {
        var router = Router()
        router.add(prefix: "/a", Route(name: "prefix"))
        router.add(exactly: "/a", Route(name: "exact"))
        XCTAssertEqual(routed(router, "/a"), "exact")
        XCTAssertEqual(routed(router, "/ab"), "prefix")
    }

    func testLongestPrefixWinsWhateverTheOrderOfAdding() {
        for order in [["/a/", "/a/b/", "/a/b/c/"], ["/a/b/c/", "/a/", "/a/b/"], ["/a/b/", "/a/b/c/", "/a/"]] {
            var router = Router()
            for prefix in order { router.add(prefix: prefix, Route(name: prefix)) }
            XCTAssertEqual(routed(router, "/a/b/c/d.js"), "/a/b/c/", "\(order)")
            XCTAssertEqual(routed(router, "/a/b/x"), "/a/b/", "\(order)")
            XCTAssertEqual(routed(router, "/a/x"), "/a/", "\(order)")
        }
    }

    func testExactRoutesDoNotMatchLongerPaths() {
        var router = Router()
        router.add(exactly: "/only", Route(name: "only"))
        XCTAssertEqual(routed(router, "/only"), "only")
        XCTAssertNil(routed(router, "/only/"))
        XCTAssertNil(routed(router, "/onlyx"))
        XCTAssertNil(routed(router, "/"))
    }

    func testNothingRoutedIsNil() {
        var router = Router()
        router.add(prefix: "/webapp2/", Route(name: "webapp2"))
        XCTAssertNil(routed(router, "/webapp2"))
        XCTAssertNil(routed(router, "/etc/passwd"))
        XCTAssertNil(routed(router, "http://evil/"), "absolute-form targets match no path route (catalogue 15)")
        XCTAssertNil(routed(router, "example.com:443"), "CONNECT authority targets match no route (catalogue 14)")
        XCTAssertNil(routed(router, "*"), "OPTIONS * matches no route (catalogue 14)")
        XCTAssertNil(routed(Router(), "/"))
    }

    /// security.md items 14 and 15: targets that are not paths (`*`, `host:port`) get 400 before routing;
    /// paths, absolute-form included, go to the routes whatever the method.
    func testTargetsThatAreNotPathsAreRefusedBeforeRouting() {
        let cases: [(method: String, target: String, status: Int?)] = [
            ("OPTIONS", "*", 400), ("GET", "*", 400), ("CONNECT", "example.com:443", 400),
            ("CONNECT", "127.0.0.1:22", 400), ("GET", "example.com", 400), ("TRACE", "/", nil),
            ("OPTIONS", "/webapp2/", nil), ("GET", "/", nil), ("POST", "/x", nil), ("get", "/", nil),
            ("GET", "http://evil/", nil), ("GET", "https://evil/x", nil),
        ]
        for (method, target, status) in cases {
            let refusal = Router.refusal(for: HTTPRequest(method: method, target: target))
            XCTAssertEqual(refusal?.status.code, status, "\(method) \(target)")
        }
    }

    func testRedirectOnlyAnswersGetAndHead() throws {
        let redirect = RedirectHandler(to: "/webapp2/")
        XCTAssertEqual(try redirect.respond(to: HTTPRequest(method: "HEAD", target: "/")).status, .movedPermanently)
        for method in ["TRACE", "POST", "DELETE", "OPTIONS", "get"] {
            XCTAssertThrowsError(try redirect.respond(to: HTTPRequest(method: method, target: "/")), method) { error in
                XCTAssertEqual((error as? HTTPError)?.status, .methodNotAllowed, method)
                XCTAssertEqual((error as? HTTPError)?.headers.first?.1, "GET, HEAD", method)
            }
        }
    }

    func testReaddingAnExactRouteReplacesIt() {
        var router = Router()
        router.add(exactly: "/x", Route(name: "first"))
        router.add(exactly: "/x", Route(name: "second"))
        XCTAssertEqual(routed(router, "/x"), "second")
    }

    func testRedirectKeepsTheQuery() throws {
        let redirect = RedirectHandler(to: "/webapp2/")
        let plain = try redirect.respond(to: HTTPRequest(method: "GET", target: "/webapp2"))
        XCTAssertEqual(plain.status, .movedPermanently)
        XCTAssertEqual(plain.headers["Location"], "/webapp2/")
        let withQuery = try redirect.respond(to: HTTPRequest(method: "GET", target: "/webapp2?conference=1&pin=2"))
        XCTAssertEqual(withQuery.headers["Location"], "/webapp2/?conference=1&pin=2")
    }
}
