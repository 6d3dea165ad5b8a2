import Foundation
import XCTest

/// `pexdev init` and `pexdev new plugin` as a user runs them: what they print, and that the result checks clean.
final class NewPluginBinaryTests: XCTestCase {
    private var folder = ""

    override func setUpWithError() throws { folder = try TestBinary.temporaryFolder() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: folder) }

    func testInitThenNewPluginChecksClean() throws {
        let initialized = try TestBinary.run(["init"], in: folder)
        XCTAssertEqual(initialized.status, 0, initialized.standardError)
        XCTAssertEqual(
            initialized.standardOutput,
            """
            created webapp2/manifest.json
            created webapp2/settings.json
            next:
              pexdev new plugin hello-world   add a plugin with a toolbar button
              pexdev serve                    try it in the browser

            """)
        let added = try TestBinary.run(["new", "plugin", "hello-world"], in: folder)
        XCTAssertEqual(added.status, 0, added.standardError)
        XCTAssertEqual(
            added.standardOutput,
            """
            created webapp2/plugins/hello-world/hello-world.plugin.json
            created webapp2/plugins/hello-world/hello-world.plugin.js
            created webapp2/plugins/hello-world/assets/hello-world.svg
            updated webapp2/settings.json:3: added "hello-world" to the plugins list
            check: no problems in 1 plugin (5 files)

            """)
        let check = try TestBinary.run(["check", "--warnings-as-errors"], in: folder)
        XCTAssertEqual(check.status, 0, check.standardOutput)
        XCTAssertEqual(check.standardOutput, "no problems in 1 plugin (5 files)\n")
        let again = try TestBinary.run(["init"], in: folder)
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.standardError.hasPrefix("error: \(folder)/webapp2/manifest.json and "), again.standardError)
    }

    func testMistakesAreClearErrors() throws {
        XCTAssertEqual(try TestBinary.run(["init"], in: folder).status, 0)
        let badName = try TestBinary.run(["new", "plugin", "Raise Hand"], in: folder)
        XCTAssertEqual(badName.status, 1)
        XCTAssertEqual(
            badName.standardError,
            "error: invalid plugin name 'Raise Hand': it must start with a lower-case letter\n"
                + "  hint: use lower-case letters, digits and hyphens, e.g. raise-hand\n")
        let menu = try TestBinary.run(["new", "plugin", "x", "--menu", "toolbr"], in: folder)
        XCTAssertEqual(menu.status, 64)
        XCTAssertTrue(
            menu.standardError.hasPrefix(
                "Error: The value 'toolbr' is invalid for '--menu <placement>': expected one of toolbar, conference, "
                    + "participants, none. Did you mean 'toolbar'?"),
            menu.standardError)
        let roles = try TestBinary.run(["new", "plugin", "x", "--roles", "chair,host"], in: folder)
        XCTAssertEqual(roles.status, 64)
        XCTAssertTrue(
            roles.standardError.contains("The value 'host' is invalid for '--roles <roles>'"), roles.standardError)
        let missing = try TestBinary.run(["new", "plugin"], in: folder)
        XCTAssertEqual(missing.status, 64)
        XCTAssertTrue(
            missing.standardError.hasPrefix("Error: Missing expected argument '<name>'"), missing.standardError)
        XCTAssertEqual(try TestBinary.run(["new", "plugin", "dup"], in: folder).status, 0)
        let duplicate = try TestBinary.run(["new", "plugin", "dup"], in: folder)
        XCTAssertEqual(duplicate.status, 1)
        XCTAssertEqual(
            duplicate.standardError,
            "error: settings.json already lists a plugin with id 'dup' (line 3)\n  hint: pick another name\n")
        let nowhere = try TestBinary.run(["new", "plugin", "x", "no-such-folder"], in: folder)
        XCTAssertEqual(nowhere.status, 1)
        XCTAssertTrue(nowhere.standardError.hasSuffix("  hint: create a branding folder first: pexdev init\n"))
    }
}
