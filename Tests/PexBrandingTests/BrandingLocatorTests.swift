import Foundation
import PexBranding
import XCTest

/// The inputs `serve [PATH]` accepts (spec §1), on a real file system.
final class BrandingLocatorTests: XCTestCase {
    private var tree: TemporaryTree!
    private let manifestJSON = """
        {
          "brandingID": "1764072000000",
          "isSettingsBranded": true,
          "isWatermarkBranded": false,
          "isStylesBranded": false
        }
        """
    private let settingsJSON = #"{"plugins": []}"#

    override func setUpWithError() throws {
        tree = try TemporaryTree()
    }

    override func tearDown() {
        tree?.remove()
    }

    func testWebapp2FolderWithManifestAndSettings() throws {
        try tree.write("webapp2/manifest.json", manifestJSON)
        try tree.write("webapp2/settings.json", settingsJSON)

        let root = try BrandingLocator.locate(tree.path("webapp2"), currentDirectory: "/")

        XCTAssertEqual(root.directory, tree.path("webapp2"))
        XCTAssertEqual(root.displayName, tree.path("webapp2"))
        XCTAssertEqual(root.manifest, Manifest(brandingID: "1764072000000", isSettingsBranded: true))
    }

    /// Pexip's own plugin repositories keep settings.json at their root, often with no manifest.
    func testFolderWithOnlySettingsHasNoManifest() throws {
        try tree.write("settings.json", settingsJSON)

        let root = try BrandingLocator.locate(tree.path, currentDirectory: "/")

        XCTAssertEqual(root.directory, tree.path)
        XCTAssertNil(root.manifest)
    }

    func testFolderWithOnlyManifestIsAccepted() throws {
        try tree.write("manifest.json", manifestJSON)

        let root = try BrandingLocator.locate(tree.path, currentDirectory: "/")

        XCTAssertEqual(root.directory, tree.path)
        XCTAssertEqual(root.manifest?.brandingID, "1764072000000")
    }

    /// An unpacked branding ZIP: the folder holds webapp2/, which is what gets served.
    func testParentContainingWebapp2ServesTheWebapp2Folder() throws {
        try tree.write("branding/webapp2/manifest.json", manifestJSON)
        try tree.write("branding/webapp2/settings.json", settingsJSON)

        let root = try BrandingLocator.locate("branding", currentDirectory: tree.path)

        XCTAssertEqual(root.directory, tree.path("branding/webapp2"))
        XCTAssertEqual(root.displayName, "branding")
        XCTAssertEqual(root.manifest?.isSettingsBranded, true)
    }

    func testFilesAtTheRootWinOverANestedWebapp2Folder() throws {
        try tree.write("settings.json", settingsJSON)
        try tree.write("webapp2/settings.json", settingsJSON)

        let root = try BrandingLocator.locate(tree.path, currentDirectory: "/")

        XCTAssertEqual(root.directory, tree.path)
    }

    func testDotIsTheCurrentDirectoryAndShowsItsName() throws {
        try tree.write("my-branding/webapp2/settings.json", settingsJSON)
        let current = tree.path("my-branding")

        for typed in [".", "./", ""] {
            let root = try BrandingLocator.locate(typed, currentDirectory: current)
            XCTAssertEqual(root.directory, tree.path("my-branding/webapp2"), "typed '\(typed)'")
            XCTAssertEqual(root.displayName, "my-branding", "typed '\(typed)'")
        }
    }

    func testDotDotResolvesAndShowsTheFolderName() throws {
        try tree.write("webapp2/settings.json", settingsJSON)
        try tree.makeDirectory("webapp2/plugins")

        let root = try BrandingLocator.locate("..", currentDirectory: tree.path("webapp2/plugins"))

        XCTAssertEqual(root.directory, tree.path("webapp2"))
        XCTAssertEqual(root.displayName, "webapp2")
    }

    func testRelativePathsKeepTheTypedNameWithoutTrailingSlash() throws {
        try tree.write("work/pkg/webapp2/settings.json", settingsJSON)

        let nested = try BrandingLocator.locate("pkg/webapp2", currentDirectory: tree.path("work"))
        XCTAssertEqual(nested.directory, tree.path("work/pkg/webapp2"))
        XCTAssertEqual(nested.displayName, "pkg/webapp2")

        let slashed = try BrandingLocator.locate("pkg/", currentDirectory: tree.path("work"))
        XCTAssertEqual(slashed.directory, tree.path("work/pkg/webapp2"))
        XCTAssertEqual(slashed.displayName, "pkg")

        let upAndDown = try BrandingLocator.locate("../work/./pkg", currentDirectory: tree.path("work"))
        XCTAssertEqual(upAndDown.directory, tree.path("work/pkg/webapp2"))
    }

    func testAbsolutePathIgnoresTheCurrentDirectory() throws {
        try tree.write("webapp2/settings.json", settingsJSON)

        let root = try BrandingLocator.locate(tree.path + "/", currentDirectory: "/nonexistent")

        XCTAssertEqual(root.directory, tree.path("webapp2"))
        XCTAssertEqual(root.displayName, tree.path)
    }

    func testSymlinkedFolderResolvesToItsRealPath() throws {
        try tree.write("real/webapp2/settings.json", settingsJSON)
        try tree.symlink("link", to: tree.path("real"))

        let root = try BrandingLocator.locate("link", currentDirectory: tree.path)

        XCTAssertEqual(root.directory, tree.path("real/webapp2"))
        XCTAssertEqual(root.displayName, "link")
    }

    func testSymlinkedWebapp2FolderResolvesToItsRealPath() throws {
        try tree.write("elsewhere/settings.json", settingsJSON)
        try tree.makeDirectory("package")
        try tree.symlink("package/webapp2", to: "../elsewhere")

        let root = try BrandingLocator.locate(tree.path("package"), currentDirectory: "/")

        XCTAssertEqual(root.directory, tree.path("elsewhere"))
    }

    func testSymlinkedSettingsFileCounts() throws {
        try tree.write("shared/settings.json", settingsJSON)
        try tree.makeDirectory("webapp2")
        try tree.symlink("webapp2/settings.json", to: tree.path("shared/settings.json"))

        let root = try BrandingLocator.locate(tree.path, currentDirectory: "/")

        XCTAssertEqual(root.directory, tree.path("webapp2"))
    }

    func testNumericBrandingIDIsReadAsText() throws {
        try tree.write("manifest.json", #"{"brandingID": 1732541234567, "isSettingsBranded": true}"#)

        let root = try BrandingLocator.locate(tree.path, currentDirectory: "/")

        XCTAssertEqual(root.manifest, Manifest(brandingID: "1732541234567", isSettingsBranded: true))
    }

    /// A broken manifest must not stop serving: the tree is found and the manifest carries the problem.
    func testInvalidManifestIsReportedNotFatal() throws {
        try tree.write("webapp2/manifest.json", "{\n  \"brandingID\": \"1\",\n  \"isSettingsBranded\": tru\n}\n")
        try tree.write("webapp2/settings.json", settingsJSON)

        let root = try BrandingLocator.locate(tree.path, currentDirectory: "/")

        XCTAssertEqual(root.directory, tree.path("webapp2"))
        let problem = try XCTUnwrap(root.manifest?.problem)
        XCTAssertTrue(problem.hasPrefix("manifest.json is not valid JSON: "), problem)
        XCTAssertNil(root.manifest?.brandingID)
    }

    func testOversizedManifestIsNotParsed() throws {
        try tree.write("manifest.json", bytes: [UInt8](repeating: 0x20, count: (1 << 20) + 1))

        let root = try BrandingLocator.locate(tree.path, currentDirectory: "/")

        XCTAssertEqual(
            root.manifest?.problem, "manifest.json is larger than 1 MiB; it should hold a few short fields")
    }

    func testManifestFolderDoesNotCountAsAManifest() throws {
        try tree.makeDirectory("manifest.json")
        try tree.write("settings.json", settingsJSON)

        let root = try BrandingLocator.locate(tree.path, currentDirectory: "/")

        XCTAssertNil(root.manifest)
    }
}
