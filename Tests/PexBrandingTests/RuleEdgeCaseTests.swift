import XCTest

@testable import PexBranding

/// Rules on inputs easier to build in memory than as fixture trees.
final class RuleEdgeCaseTests: XCTestCase {
    private static let manifest = #"{"brandingID": "1", "isSettingsBranded": true}"#

    private func check(_ files: [String: String]) -> [Diagnostic] {
        var fileSystem = InMemoryFileSystem()
        for (path, text) in files { fileSystem.add("/b/" + path, .file(Array(text.utf8))) }
        return BrandingChecker.check(BrandingRoot(directory: "/b", displayName: "b", manifest: nil), in: fileSystem)
            .diagnostics
    }

    private func lines(_ files: [String: String]) -> [String] {
        check(files).map { RuleFixtureTests.line($0) + " " + $0.message }
    }

    /// A package with id `id` and source registering `registered`, at plugins/<name>/.
    private func plugin(_ name: String, id: String, registered: String? = nil) -> [String: String] {
        [
            "plugins/\(name)/p.json": """
            {"id": "\(id)", "name": "n", "description": "d", "version": 1, "srcURL": "p.js", "allowUnload": false,
             "platforms": ["web"], "participantRoles": ["guest"]}
            """,
            "plugins/\(name)/p.js":
                "(function () { PEX.pluginAPI.registerPlugin({id: '\(registered ?? id)', load() {}}); })();",
        ]
    }

    func testManifestFields() {
        XCTAssertEqual(
            lines(["manifest.json": #"{"brandingID": 1521829718679}"#, "settings.json": #"{"plugins": []}"#]),
            [
                "manifest.json:1:1: error: PEX103 manifest.json has no isSettingsBranded: Webapp2 ignores settings.json,"
                    + " so no plugin loads",
                "settings.json:1:13: warning: PEX203 the plugins list is empty",
            ])
        XCTAssertEqual(
            lines([
                "manifest.json": #"{"brandingID": true, "isSettingsBranded": "true", "isSettingBranded": true}"#,
                "settings.json": #"{"plugins": []}"#,
            ]).filter { $0.hasPrefix("manifest") },
            [
                "manifest.json:1:16: warning: PEX104 brandingID must be a number or a string of digits, found true",
                "manifest.json:1:43: error: PEX103 isSettingsBranded must be true, found the string \"true\":"
                    + " Webapp2 ignores settings.json, so no plugin loads",
                "manifest.json:1:51: warning: PEX012 unknown key `isSettingBranded`, did you mean `isSettingsBranded`?",
            ])
    }

    func testSettingsShapes() {
        XCTAssertEqual(
            lines(["manifest.json": Self.manifest, "settings.json": #"{"plugin": []}"#]),
            [
                "settings.json:1:2: warning: PEX203 settings.json has no plugins list; did you mean `plugins` instead of `plugin`?"
            ])
        XCTAssertEqual(
            lines([
                "manifest.json": Self.manifest,
                "settings.json": #"{"plugins": [{"id": "", "srcURL": 3, "enabled": true}, 7]}"#,
            ]),
            [
                "settings.json:1:21: error: PEX010 id is empty",
                "settings.json:1:35: error: PEX011 srcURL must be a string, found the number 3",
                "settings.json:1:56: error: PEX202 plugin entry 2 must be an object with id, srcURL and enabled, found the number 7",
            ])
        XCTAssertEqual(
            lines(["manifest.json": Self.manifest, "settings.json": "[]"]),
            [
                "settings.json:1:1: error: PEX202 settings.json must be a JSON object holding a plugins list, found an empty list"
            ])
    }

    /// Root-relative URLs under /webapp2/custom_configuration/ do point into the tree.
    func testServedPrefixResolvesIntoTheTree() {
        var files = plugin("a", id: "a")
        files["manifest.json"] = Self.manifest
        files["settings.json"] =
            #"{"plugins": [{"id": "a", "srcURL": "/webapp2/custom_configuration/plugins/a/p.json", "enabled": true}]}"#
        XCTAssertEqual(lines(files), [])
    }

    /// Two entries naming one package: the package and its source are read and reported once.
    func testSharedPackageIsReportedOnce() {
        var files = plugin("a", id: "a", registered: "z")
        files["manifest.json"] = Self.manifest
        files["settings.json"] = """
            {"plugins": [{"id": "a", "srcURL": "plugins/a/p.json", "enabled": true},
                         {"id": "b", "srcURL": "plugins/a/p.json", "enabled": true}]}
            """
        XCTAssertEqual(
            lines(files),
            [
                "plugins/a/p.js:1:50: error: PEX503 registerPlugin id 'z' matches no package file"
                    + " (plugins/a/p.json has id \"a\")",
                "plugins/a/p.json:1:8: warning: PEX301 package id \"a\" differs from settings id \"b\" (settings.json:2:21);"
                    + " Webapp2 registers the package id",
            ])
    }

    func testRegisteringAnotherPluginsID() {
        var files = plugin("a", id: "a", registered: "b")
        files.merge(plugin("b", id: "b"), uniquingKeysWith: { $1 })
        files["manifest.json"] = Self.manifest
        files["settings.json"] = """
            {"plugins": [{"id": "a", "srcURL": "plugins/a/p.json", "enabled": true},
                         {"id": "b", "srcURL": "plugins/b/p.json", "enabled": true}]}
            """
        XCTAssertEqual(
            lines(files),
            [
                "plugins/a/p.js:1:50: error: PEX503 registerPlugin id 'b' is the id of plugins/b/p.json,"
                    + " but this source belongs to plugins/a/p.json (id \"a\")"
            ])
    }

    func testMenuShapes() {
        for (menu, expected) in [
            ("null", [String]()),
            ("{}", []),
            (#"{"toolbar": null}"#, []),
            (
                "[]",
                [
                    "PEX011 menuItems must be an object with one of toolbar, conference or participants, found an empty list"
                ]
            ),
            (#"{"toolbar": {}}"#, ["PEX011 toolbar must be a list of menu items, found an object"]),
            (
                #"{"toolbar": ["x"]}"#,
                ["PEX011 menu item 1 must be an object with icon, label and action, found the string \"x\""]
            ),
            (
                #"{"toolbar": [{"icon": 3, "label": false, "action": null}]}"#,
                [
                    "PEX011 icon must be a string such as \"icon.svg#id\", or null, found the number 3",
                    "PEX011 label must be a string, found false",
                    "PEX010 menu item 1 has no action (null): clicking it does nothing",
                ]
            ),
        ] {
            var files = plugin("a", id: "a")
            files["plugins/a/p.json"] = files["plugins/a/p.json"]?.replacingOccurrences(
                of: #""participantRoles": ["guest"]"#, with: #""participantRoles": ["guest"], "menuItems": \#(menu)"#)
            files["manifest.json"] = Self.manifest
            files["settings.json"] = #"{"plugins": [{"id": "a", "srcURL": "plugins/a/p.json", "enabled": true}]}"#
            XCTAssertEqual(check(files).map { "\($0.code) \($0.message)" }, expected, menu)
        }
    }

    /// security.md 28: a huge settings.json is refused with a diagnostic, not read whole.
    func testOversizedSettingsIsASyntaxDiagnostic() {
        let huge = "{\"plugins\": []" + String(repeating: " ", count: 17 << 20) + "}"
        let found = check(["manifest.json": Self.manifest, "settings.json": huge])
        XCTAssertEqual(found.map(\.code), ["PEX001"])
    }
}
