import XCTest

@testable import PexHTTP

/// Content-Type by file name: text types say their charset, unknown types are opaque bytes.
final class MediaTypeTests: XCTestCase {
    static let cases: [(name: String, expect: String)] = [
        ("settings.json", "application/json; charset=utf-8"),
        ("plugin.js", "text/javascript; charset=utf-8"),
        ("module.mjs", "text/javascript; charset=utf-8"),
        ("plugin.js.map", "application/json; charset=utf-8"),
        ("style.css", "text/css; charset=utf-8"),
        ("icon.svg", "image/svg+xml; charset=utf-8"),
        ("index.html", "text/html; charset=utf-8"),
        ("legacy.htm", "text/html; charset=utf-8"),
        ("logo.png", "image/png"),
        ("photo.jpeg", "image/jpeg"),
        ("font.woff2", "font/woff2"),
        ("app.webmanifest", "application/manifest+json; charset=utf-8"),
        ("module.wasm", "application/wasm"),
        // Upper-case extensions are the same type.
        ("LOGO.PNG", "image/png"),
        ("Settings.JSON", "application/json; charset=utf-8"),
        ("Plugin.Js", "text/javascript; charset=utf-8"),
        // Unknown or missing extensions.
        ("data.unknownext", "application/octet-stream"),
        ("Makefile", "application/octet-stream"),
        ("archive.tar.gz", "application/octet-stream"),
        ("trailing.", "application/octet-stream"),
        ("", "application/octet-stream"),
        // Dotfile-like names: the leading dot does not start an extension.
        (".png", "application/octet-stream"),
        (".json", "application/octet-stream"),
        (".env", "application/octet-stream"),
        (".hidden.css", "text/css; charset=utf-8"),
    ]

    func testTable() {
        for (name, expect) in Self.cases {
            XCTAssertEqual(MediaType.forFileName(name), expect, name.debugDescription)
        }
    }

    func testEveryTextTypeDeclaresUTF8() {
        for name in ["a.html", "a.js", "a.css", "a.json", "a.txt", "a.md", "a.csv", "a.xml", "a.svg", "a.map"] {
            XCTAssertTrue(MediaType.forFileName(name).hasSuffix("; charset=utf-8"), name)
        }
    }
}
