import XCTest

@testable import PexBranding

/// Icons: is it SVG, which ids does it carry, does it carry script (spec §4, security 31).
final class ResolverSVGScanTests: XCTestCase {
    private func scan(_ text: String) -> SVGScan { SVGScanner.scan(Array(text.utf8)) }

    func testIdsAndRootElement() {
        let found = scan(
            """
            \u{FEFF}<?xml version="1.0"?>
            <!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
            <!-- <html id="comment"> -->
            <svg xmlns="http://www.w3.org/2000/svg" id = "root" viewBox="0 0 24 24">
              <defs><symbol id='sym'><path d="M0 0"/></symbol></defs>
              <![CDATA[ <g id="cdata"> ]]>
              <style>.a > .b { fill: red }</style>
              <g id=unquoted />
            </svg>
            """)
        XCTAssertTrue(found.isSVG)
        XCTAssertEqual(found.firstElement, "svg")
        XCTAssertEqual(Set(found.ids.keys), ["root", "sym", "unquoted"])
        XCTAssertEqual(found.activeContent, [])
    }

    func testNotSVG() {
        XCTAssertFalse(scan("<!DOCTYPE html><html><svg id=\"a\"/></html>").isSVG)
        XCTAssertEqual(scan("<!DOCTYPE html><html></html>").firstElement, "html")
        XCTAssertFalse(scan("\u{89}PNG\r\n").isSVG)
        XCTAssertNil(scan("").firstElement)
        XCTAssertTrue(scan("<svg:svg xmlns:svg=\"http://www.w3.org/2000/svg\"/>").isSVG)
    }

    func testActiveContent() {
        let found = scan(
            """
            <svg xmlns="http://www.w3.org/2000/svg" id="a" onload="x()">
              <SCRIPT type="text/javascript">if (a < b) { document.write('<svg id="fake">'); }</SCRIPT>
              <a xlink:href="JavaScript:steal()"><circle onclick='y()'/></a>
              <a href="https://example.com/">fine</a>
            </svg>
            """)
        XCTAssertEqual(
            found.activeContent.map(\.what),
            ["onload=\"…\"", "<SCRIPT>", "xlink:href=\"javascript:…\"", "onclick=\"…\""])
        XCTAssertNil(found.ids["fake"], "script content is not markup")
    }
}
