import XCTest

@testable import PexBranding

/// How srcURLs and icons resolve against the tree (spec §3–§4, security 29), as a browser would resolve
/// them against /webapp2/custom_configuration/<folder>/.
final class ResolverReferencePathTests: XCTestCase {
    private typealias Target = ReferencePath.Target

    func testResolution() {
        let cases: [(text: String, folder: String, target: Target, fragment: String?, line: UInt)] = [
            ("plugins/a/a.plugin.json", "", .tree(path: "plugins/a/a.plugin.json", trailingSlash: false), nil, #line),
            ("./plugins/a/a.json", "", .tree(path: "plugins/a/a.json", trailingSlash: false), nil, #line),
            ("a.plugin.js", "plugins/a", .tree(path: "plugins/a/a.plugin.js", trailingSlash: false), nil, #line),
            (
                "assets/i.svg#icon", "plugins/a", .tree(path: "plugins/a/assets/i.svg", trailingSlash: false), "icon",
                #line
            ),
            ("i.svg#", "plugins/a", .tree(path: "plugins/a/i.svg", trailingSlash: false), nil, #line),
            ("../shared/s.js", "plugins/a", .tree(path: "plugins/shared/s.js", trailingSlash: false), nil, #line),
            ("../../s.js", "plugins/a", .tree(path: "s.js", trailingSlash: false), nil, #line),
            ("a.js?v=2", "p", .tree(path: "p/a.js", trailingSlash: false), nil, #line),
            ("my%20plugin.js", "p", .tree(path: "p/my plugin.js", trailingSlash: false), nil, #line),
            ("bad%zz.js", "p", .tree(path: "p/bad%zz.js", trailingSlash: false), nil, #line),
            ("plugins\\a\\a.json", "", .tree(path: "plugins/a/a.json", trailingSlash: false), nil, #line),
            ("  plugins/a.json  ", "", .tree(path: "plugins/a.json", trailingSlash: false), nil, #line),
            ("plugins/a/", "", .tree(path: "plugins/a", trailingSlash: true), nil, #line),
            (
                "/webapp2/custom_configuration/plugins/a.js", "plugins/x",
                .tree(path: "plugins/a.js", trailingSlash: false), nil, #line
            ),
            ("", "", .empty, nil, #line),
            ("   ", "", .empty, nil, #line),
            ("#only", "", .empty, "only", #line),
            (
                "https://cdn.example.com/p.json", "",
                .external(url: "https://cdn.example.com/p.json", origin: "https://cdn.example.com"), nil, #line
            ),
            (
                "HTTP://Example.COM:8080/i.svg#x", "",
                .external(url: "HTTP://Example.COM:8080/i.svg#x", origin: "http://example.com:8080"), "x", #line
            ),
            (
                "//cdn.example.com/a.js", "",
                .external(url: "//cdn.example.com/a.js", origin: "https://cdn.example.com"), nil, #line
            ),
        ]
        for item in cases {
            let resolved = ReferencePath.resolve(item.text, from: item.folder)
            XCTAssertEqual(resolved.target, item.target, "\(item.text)", line: item.line)
            XCTAssertEqual(resolved.fragment, item.fragment, "\(item.text)", line: item.line)
        }
    }

    func testReferencesThatCannotReachATreeFile() {
        let outside = [
            ("../../secret.js", "plugins"), ("../x.js", ""), ("%2e%2e/x.js", ""), ("a/%2e%2e/%2E%2E/../x", ""),
            ("/etc/passwd", "plugins/a"), ("file:///etc/passwd", ""), ("javascript:alert(1)", ""),
            ("data:image/svg+xml,<svg/>", ""), ("C:\\plugins\\a.js", ""), ("a%2Fb.js", ""), ("ftp://x/y", ""),
            ("https://", ""),
        ]
        for (text, folder) in outside {
            guard case .outside = ReferencePath.resolve(text, from: folder).target else {
                XCTFail("\(text) from '\(folder)' should be refused, got \(ReferencePath.resolve(text, from: folder))")
                continue
            }
        }
    }

    func testOrigins() {
        XCTAssertEqual(URLOrigin.origin(of: "https://user:pw@API.example.com/x?y"), "https://api.example.com")
        XCTAssertEqual(URLOrigin.origin(of: "wss://events.example.com:8443/s"), "wss://events.example.com:8443")
        XCTAssertEqual(URLOrigin.origin(of: "http://[::1]:8080/"), "http://[::1]:8080")
        XCTAssertNil(URLOrigin.origin(of: "https://"))
        XCTAssertNil(URLOrigin.origin(of: "https://${host}/x"))
        XCTAssertNil(URLOrigin.origin(of: "/relative"))
        XCTAssertNil(URLOrigin.origin(of: "mailto:a@b"))
    }

    func testSuggestions() {
        XCTAssertEqual(KeySuggestion.closest(to: "ioon", among: ["icon", "label", "action"]), "icon")
        XCTAssertEqual(KeySuggestion.closest(to: "lable", among: ["icon", "label", "action"]), "label")
        XCTAssertEqual(KeySuggestion.closest(to: "srcUrl", among: BrandingResolver.packageKeys), "srcURL")
        XCTAssertEqual(
            KeySuggestion.closest(to: "participantRole", among: BrandingResolver.packageKeys), "participantRoles")
        XCTAssertEqual(KeySuggestion.closest(to: "descripton", among: BrandingResolver.packageKeys), "description")
        XCTAssertNil(KeySuggestion.closest(to: "author", among: BrandingResolver.packageKeys))
        XCTAssertNil(KeySuggestion.closest(to: "$schema", among: BrandingResolver.packageKeys))
    }
}
