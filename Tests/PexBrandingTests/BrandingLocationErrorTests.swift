import Foundation
import PexBranding
import XCTest

/// Every way a path can fail to be a branding tree, with the exact words the user sees.
final class BrandingLocationErrorTests: XCTestCase {
    private var tree: TemporaryTree!
    private let generic = "pass the webapp2/ folder of your branding package, or the folder that contains it"
    private let expected = "expected manifest.json or settings.json in it, or a webapp2/ folder containing them"

    override func setUpWithError() throws {
        tree = try TemporaryTree()
    }

    override func tearDown() {
        tree?.remove()
    }

    private func locateError(
        _ path: String, in current: String? = nil, file: StaticString = #filePath, line: UInt = #line
    ) -> BrandingLocationError? {
        do {
            let root = try BrandingLocator.locate(path, currentDirectory: current ?? tree.path)
            XCTFail("expected an error, located \(root.directory)", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }

    func testMissingPathNamesTheAbsolutePath() throws {
        let error = try XCTUnwrap(locateError("nope/../missing"))

        XCTAssertEqual(error.reason, .notFound)
        XCTAssertEqual(error.description, "'\(tree.path("missing"))' does not exist")
        XCTAssertEqual(error.hint, generic)
    }

    func testQuotedTildeIsExplained() throws {
        let error = try XCTUnwrap(locateError("~/branding"))

        XCTAssertEqual(error.reason, .notFound)
        XCTAssertEqual(error.description, "'\(tree.path("~/branding"))' does not exist")
        XCTAssertEqual(error.hint, "'~' was not expanded (it was quoted?): write the path without quotes, or use $HOME")
    }

    func testPathThroughAFileDoesNotExist() throws {
        try tree.write("notes.txt", "hello")

        let error = try XCTUnwrap(locateError("notes.txt/webapp2"))

        XCTAssertEqual(error.reason, .notFound)
    }

    func testEmptyFolder() throws {
        let folder = try tree.makeDirectory("empty")

        let error = try XCTUnwrap(locateError(folder))

        XCTAssertEqual(error.reason, .noBrandingTree)
        XCTAssertEqual(error.description, "no branding tree at '\(folder)': \(expected)")
        XCTAssertEqual(error.hint, "the folder is empty: " + generic)
    }

    func testFolderWithNeitherFileNorWebapp2() throws {
        try tree.write("README.md", "# notes")
        try tree.write("src/index.ts", "export {}")

        let error = try XCTUnwrap(locateError("."))

        XCTAssertEqual(error.reason, .noBrandingTree)
        XCTAssertEqual(error.description, "no branding tree at '\(tree.path)': \(expected)")
        XCTAssertEqual(error.hint, generic)
    }

    func testRandomFile() throws {
        let file = try tree.write("notes.txt", "hello")

        let error = try XCTUnwrap(locateError("notes.txt"))

        XCTAssertEqual(error.reason, .notADirectory)
        XCTAssertEqual(
            error.description,
            "'\(file)' is a file, not a folder: expected a webapp2/ folder containing manifest.json or settings.json")
        XCTAssertEqual(error.hint, generic)
    }

    func testSettingsFileItselfSuggestsItsFolder() throws {
        try tree.write("pkg/webapp2/settings.json", "{}")

        let error = try XCTUnwrap(locateError("pkg/webapp2/settings.json"))

        XCTAssertEqual(error.reason, .notADirectory)
        XCTAssertEqual(error.hint, "pass the folder that contains it: pexdev serve pkg/webapp2")
    }

    func testTruncatedZipIsRefusedWithTheReason() throws {
        let archive = try tree.write("branding.zip", bytes: [0x50, 0x4B, 0x03, 0x04, 0, 0])

        let error = try XCTUnwrap(locateError("branding.zip"))

        XCTAssertEqual(error.reason, .invalidArchive)
        XCTAssertEqual(
            error.description,
            "'\(archive)' cannot be used: the archive is truncated: its end (the central directory record) is missing")
        XCTAssertEqual(
            error.hint, "the file was cut short (an interrupted download or copy?): fetch or build it again")
    }

    func testZipIsRecognisedByItsSignatureWhateverTheName() throws {
        let archive = try tree.write("My Branding", bytes: [0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18))

        let error = try XCTUnwrap(locateError("My Branding"))

        XCTAssertEqual(error.reason, .invalidArchive)
        XCTAssertEqual(
            error.description,
            "'\(archive)' cannot be used: the archive holds no branding tree: expected webapp2/manifest.json or "
                + "webapp2/settings.json (the archive is empty)")
    }

    func testFileNamedZipThatIsNotOneIsRefused() throws {
        let archive = try tree.write("Branding.ZIP", "not really a zip")

        let error = try XCTUnwrap(locateError(archive, in: "/"))

        XCTAssertEqual(error.reason, .invalidArchive)
        XCTAssertEqual(
            error.description,
            "'\(archive)' cannot be used: the file is not a ZIP archive (no end-of-central-directory record)")
    }

    func testWebapp2FolderWithoutFiles() throws {
        try tree.write("pkg/webapp2/plugins/a/a.plugin.json", "{}")

        let error = try XCTUnwrap(locateError("pkg"))

        XCTAssertEqual(error.reason, .noBrandingTree)
        XCTAssertEqual(
            error.description,
            "no branding tree at '\(tree.path("pkg"))': its webapp2/ folder has neither manifest.json nor settings.json"
        )
        XCTAssertEqual(
            error.hint,
            "found a plugins/ folder but no settings.json: add settings.json next to it, "
                + "with a \"plugins\" list naming each plugin's package file")
    }

    func testEmptyWebapp2Folder() throws {
        try tree.makeDirectory("pkg/webapp2")

        let error = try XCTUnwrap(locateError("pkg"))

        XCTAssertEqual(error.reason, .noBrandingTree)
        XCTAssertEqual(
            error.hint, "add settings.json to webapp2/ (it lists the plugins); an upload also needs manifest.json")
    }

    func testWrongCaseIsPointedOut() throws {
        try tree.write("Settings.json", "{}")

        let error = try XCTUnwrap(locateError("."))

        XCTAssertEqual(error.reason, .noBrandingTree)
        XCTAssertEqual(error.hint, "found 'Settings.json': names are case-sensitive, rename it to 'settings.json'")
    }

    func testWrongCaseWebapp2FolderIsPointedOut() throws {
        try tree.write("WebApp2/settings.json", "{}")

        let error = try XCTUnwrap(locateError("."))

        XCTAssertEqual(error.hint, "found 'WebApp2': names are case-sensitive, rename it to 'webapp2'")
    }

    /// Running `pexdev serve` from inside a plugin's folder.
    func testBrandingTreeAboveIsSuggested() throws {
        try tree.write("pkg/webapp2/settings.json", "{}")
        try tree.write("pkg/webapp2/plugins/hand/hand.plugin.js", "")

        let error = try XCTUnwrap(locateError(".", in: tree.path("pkg/webapp2/plugins/hand")))

        XCTAssertEqual(error.reason, .noBrandingTree)
        XCTAssertEqual(
            error.hint,
            "'\(tree.path("pkg/webapp2"))' above it is a branding tree: pexdev serve \(tree.path("pkg/webapp2"))")
    }

    /// Running `pexdev serve` one level too high, e.g. at the root of a checkout.
    func testBrandingTreeInASubfolderIsSuggested() throws {
        try tree.write("docs/notes.md", "")
        try tree.write("sample/webapp2/settings.json", "{}")

        let error = try XCTUnwrap(locateError("."))

        XCTAssertEqual(error.hint, "found a branding tree in 'sample/': pexdev serve sample")
    }

    func testZipInTheFolderIsPointedOut() throws {
        try tree.write("branding.zip", "PK")

        let error = try XCTUnwrap(locateError("."))

        XCTAssertEqual(
            error.hint, "found 'branding.zip': pexdev serve branding.zip serves a branding ZIP")
    }

    func testPluginsFolderWithoutSettings() throws {
        try tree.write("plugins/a/a.plugin.json", "{}")

        let error = try XCTUnwrap(locateError("."))

        XCTAssertEqual(error.reason, .noBrandingTree)
        XCTAssertTrue(error.hint?.hasPrefix("found a plugins/ folder but no settings.json") == true)
    }

    func testSymlinkLoopIsUnreadable() throws {
        try tree.symlink("a", to: tree.path("b"))
        try tree.symlink("b", to: tree.path("a"))

        let error = try XCTUnwrap(locateError("a"))

        XCTAssertEqual(error.reason, .unreadable)
        XCTAssertTrue(error.description.hasPrefix("cannot read '\(tree.path("a"))': "), error.description)
    }
}
