import Foundation
import XCTest

@testable import PexBranding

/// `pexdev init` and `pexdev new plugin` as library calls: what they write checks clean, settings.json keeps
/// its formatting, and nothing is ever overwritten.
final class ScaffoldTests: XCTestCase {
    private var tree: TemporaryTree!

    override func setUpWithError() throws { tree = try TemporaryTree() }
    override func tearDown() { tree?.remove() }

    private func initialized() throws -> BrandingRoot {
        _ = try BrandingScaffold.initialize(directory: tree.path("demo"), nowMilliseconds: 1_764_072_000_000)
        return try BrandingLocator.locate(tree.path("demo"), currentDirectory: "/")
    }

    func testInitWritesAWorkingManifestAndAnEmptyPluginList() throws {
        let result = try BrandingScaffold.initialize(directory: tree.path("demo"), nowMilliseconds: 1_764_072_000_000)
        XCTAssertEqual(result.webapp2, tree.path("demo/webapp2"))
        XCTAssertEqual(
            result.files, [tree.path("demo/webapp2/manifest.json"), tree.path("demo/webapp2/settings.json")])
        let root = try BrandingLocator.locate(tree.path("demo"), currentDirectory: "/")
        XCTAssertEqual(root.manifest, Manifest(brandingID: "1764072000000", isSettingsBranded: true))
        XCTAssertEqual(BrandingChecker.check(root).diagnostics.map(\.code), ["PEX203"], "only: no plugins yet")
    }

    func testInitIntoAWebapp2FolderWritesThere() throws {
        let result = try BrandingScaffold.initialize(directory: tree.path("x/webapp2/"), nowMilliseconds: 1)
        XCTAssertEqual(result.webapp2, tree.path("x/webapp2"))
    }

    func testInitNeverOverwrites() throws {
        try tree.write("demo/webapp2/settings.json", "{\"plugins\": [1]}")
        XCTAssertThrowsError(try BrandingScaffold.initialize(directory: tree.path("demo"), nowMilliseconds: 1)) {
            XCTAssertEqual(($0 as? ScaffoldError)?.kind, .alreadyExists)
            XCTAssertEqual(
                ($0 as? ScaffoldError)?.message,
                "\(self.tree.path("demo/webapp2/settings.json")) already exists; nothing was written")
        }
        XCTAssertEqual(
            try String(contentsOfFile: tree.path("demo/webapp2/settings.json"), encoding: .utf8), "{\"plugins\": [1]}")
        XCTAssertFalse(FileManager.default.fileExists(atPath: tree.path("demo/webapp2/manifest.json")))
        // A repository whose root is the branding root counts too.
        try tree.write("repo/settings.json", "{}")
        XCTAssertThrowsError(try BrandingScaffold.initialize(directory: tree.path("repo"), nowMilliseconds: 1))
    }

    func testEveryPlacementChecksClean() throws {
        let root = try initialized()
        let templates = [
            PluginTemplate(name: "on-toolbar"),
            PluginTemplate(name: "in-conference", placement: .conference, roles: ["chair"]),
            PluginTemplate(name: "per-person", placement: .participants, platforms: ["web", "electron"]),
            PluginTemplate(name: "listener", placement: nil),
        ]
        for template in templates { _ = try PluginScaffold.create(template, in: root) }
        let report = BrandingChecker.check(root)
        XCTAssertEqual(report.diagnostics, [], "\(report.diagnostics.map(\.message))")
        XCTAssertEqual(
            report.model.plugins.map(\.effectiveID), ["on-toolbar", "in-conference", "per-person", "listener"])
        let people = try XCTUnwrap(report.model.plugins[2].package)
        XCTAssertEqual(people.menuPlacement, .participants)
        XCTAssertEqual(people.platforms, ["web", "electron"])
        XCTAssertEqual(people.menuItems.first?.action, "onPerPerson")
        XCTAssertEqual(people.menuItems.first?.icon?.fragment, "per-person-icon")
        let source = try XCTUnwrap(report.model.plugins[2].source)
        XCTAssertEqual(source.registeredID, "per-person")
        XCTAssertEqual(source.registeredKeys, ["id", "load", "unload", "onPerPerson"])
        XCTAssertTrue(source.wrappedInIIFE)
        XCTAssertNil(report.model.plugins[3].package?.menuPlacement)
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.directory + "/plugins/listener/assets"))
    }

    func testSettingsKeepTheirFormattingOutsideTheNewEntry() throws {
        try tree.write("t/webapp2/manifest.json", #"{"brandingID": "1", "isSettingsBranded": true}"#)
        let before = """
            {\r
                "applicationName": "Acme",\r
                "plugins": [\r
                    {\r
                        "id": "recorder-1.0",\r
                        "srcURL": "plugins/recorder/recorder.plugin.json",\r
                        "enabled": false\r
                    }\r
                ],\r
                "defaultBandwidth": 1.50\r
            }\r

            """
        try tree.write("t/webapp2/settings.json", before)
        let root = try BrandingLocator.locate(tree.path("t"), currentDirectory: "/")
        let result = try PluginScaffold.create(PluginTemplate(name: "hello"), in: root)
        XCTAssertEqual(result.settingsLine, 9)
        let after = try String(contentsOfFile: root.directory + "/settings.json", encoding: .utf8)
        let inserted = """
            ,\r
                    {\r
                        "id": "hello",\r
                        "srcURL": "plugins/hello/hello.plugin.json",\r
                        "enabled": true\r
                    }
            """
        let anchor = try XCTUnwrap(before.range(of: "\r\n        }\r\n    ],"))
        let split = before.index(anchor.lowerBound, offsetBy: 10)
        XCTAssertEqual(after, String(before[..<split]) + inserted + String(before[split...]))
    }

    func testNamesAreValidated() {
        let cases: [(String, String)] = [
            ("", "invalid plugin name '': it is empty"),
            ("Raise-Hand", "invalid plugin name 'Raise-Hand': it must start with a lower-case letter"),
            ("raise hand", "invalid plugin name 'raise hand': it contains ' '"),
            ("raise_hand", "invalid plugin name 'raise_hand': it contains '_'"),
            ("../evil", "invalid plugin name '../evil': it must start with a lower-case letter"),
            ("a--b", "invalid plugin name 'a--b': it must not end in '-' or hold '--'"),
            ("1st", "invalid plugin name '1st': it must start with a lower-case letter"),
        ]
        for (name, message) in cases {
            XCTAssertThrowsError(try PluginName.validate(name), name) {
                XCTAssertEqual(($0 as? ScaffoldError)?.message, message)
            }
        }
        XCTAssertThrowsError(try PluginName.validate("Raise Hand")) {
            XCTAssertEqual(($0 as? ScaffoldError)?.hint, "use lower-case letters, digits and hyphens, e.g. raise-hand")
        }
        XCTAssertNoThrow(try PluginName.validate("raise-hand-2"))
        XCTAssertEqual(PluginName.actionName("raise-hand-2"), "onRaiseHand2")
        XCTAssertEqual(PluginName.title("raise-hand"), "Raise hand")
    }

    func testAnExistingPluginIsRefusedAndNothingIsWritten() throws {
        let root = try initialized()
        _ = try PluginScaffold.create(PluginTemplate(name: "hello"), in: root)
        let settings = try String(contentsOfFile: root.directory + "/settings.json", encoding: .utf8)
        XCTAssertThrowsError(try PluginScaffold.create(PluginTemplate(name: "hello"), in: root)) {
            XCTAssertEqual(($0 as? ScaffoldError)?.kind, .alreadyExists)
            XCTAssertEqual(
                ($0 as? ScaffoldError)?.message, "settings.json already lists a plugin with id 'hello' (line 3)")
        }
        // A folder of that name without an entry is not overwritten either.
        try tree.write("demo/webapp2/plugins/other/keep.txt", "mine")
        XCTAssertThrowsError(try PluginScaffold.create(PluginTemplate(name: "other"), in: root)) {
            XCTAssertEqual(($0 as? ScaffoldError)?.message, "plugins/other/ already exists; nothing was written")
        }
        XCTAssertEqual(try String(contentsOfFile: root.directory + "/settings.json", encoding: .utf8), settings)
    }

    func testABrokenSettingsFileIsNotTouched() throws {
        let root = try initialized()
        try tree.write("demo/webapp2/settings.json", "{\"plugins\": [},]}")
        XCTAssertThrowsError(try PluginScaffold.create(PluginTemplate(name: "hello"), in: root)) {
            XCTAssertEqual(($0 as? ScaffoldError)?.kind, .settings)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.directory + "/plugins/hello"))
    }
}
