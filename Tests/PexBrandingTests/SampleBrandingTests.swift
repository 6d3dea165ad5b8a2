import Foundation
import PexBranding
import XCTest

/// The sample-branding/ tree shipped with pexdev must stay a working example.
final class SampleBrandingTests: XCTestCase {
    /// The package root, found from this file's location (Tests/PexBrandingTests/ is two levels down).
    private let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .resolvingSymlinksInPath().path

    private func json(_ relative: String, in root: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: root + "/" + relative))
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any], relative)
    }

    func testSampleBrandingIsLocatedWithItsManifest() throws {
        let root = try BrandingLocator.locate("sample-branding", currentDirectory: packageRoot)

        XCTAssertEqual(root.directory, packageRoot + "/sample-branding/webapp2")
        XCTAssertEqual(root.displayName, "sample-branding")
        XCTAssertEqual(root.manifest, Manifest(brandingID: "1764072000000", isSettingsBranded: true))
    }

    func testSamplePluginIsWiredTogether() throws {
        let root = packageRoot + "/sample-branding/webapp2"
        let settings = try json("settings.json", in: root)
        let plugins = try XCTUnwrap(settings["plugins"] as? [[String: Any]])
        XCTAssertEqual(plugins.count, 1)
        let entry = try XCTUnwrap(plugins.first)
        XCTAssertEqual(entry["id"] as? String, "raise-hand-1.0")
        XCTAssertEqual(entry["enabled"] as? Bool, true)

        // srcURL is relative to the folder holding settings.json; the package's srcURL to the package's folder.
        let packagePath = try XCTUnwrap(entry["srcURL"] as? String)
        let package = try json(packagePath, in: root)
        let packageFolder = (root + "/" + packagePath as NSString).deletingLastPathComponent
        XCTAssertEqual(package["id"] as? String, "raise-hand-1.0")
        XCTAssertEqual(package["platforms"] as? [String], ["web", "electron", "ios", "android"])
        XCTAssertEqual(package["participantRoles"] as? [String], ["chair", "guest"])

        let source = try String(
            contentsOfFile: packageFolder + "/" + XCTUnwrap(package["srcURL"] as? String), encoding: .utf8)
        XCTAssertTrue(source.contains("registerPlugin"))
        XCTAssertTrue(source.contains("id: PLUGIN_ID") && source.contains("'raise-hand-1.0'"))

        let menu = try XCTUnwrap((package["menuItems"] as? [String: Any])?["toolbar"] as? [[String: Any]])
        let item = try XCTUnwrap(menu.first)
        XCTAssertTrue(source.contains("toggleHand: toggleHand"), "the menu action must be registered")
        XCTAssertEqual(item["action"] as? String, "toggleHand")

        // The icon is "file.svg#id", and the SVG must carry that id (spec §4).
        let icon = try XCTUnwrap(item["icon"] as? String).split(separator: "#").map(String.init)
        XCTAssertEqual(icon.count, 2)
        let svg = try String(contentsOfFile: packageFolder + "/" + icon[0], encoding: .utf8)
        XCTAssertTrue(svg.contains(#"id="\#(icon[1])""#), "SVG lacks id=\"\(icon[1])\"")
    }
}
