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

    func testSampleHasOnePluginPerPlacementAndAnEventOnlyOne() throws {
        let root = packageRoot + "/sample-branding/webapp2"
        let settings = try json("settings.json", in: root)
        let plugins = try XCTUnwrap(settings["plugins"] as? [[String: Any]])
        var placements: [String] = []
        for entry in plugins {
            let packagePath = try XCTUnwrap(entry["srcURL"] as? String)
            let package = try json(packagePath, in: root)
            XCTAssertEqual(package["id"] as? String, entry["id"] as? String, "settings and package ids agree")
            let menu = package["menuItems"] as? [String: Any]
            placements.append(menu?.keys.sorted().joined(separator: ",") ?? "events-only")
        }
        XCTAssertEqual(placements.sorted(), ["conference", "events-only", "participants", "toolbar"])
    }
}
