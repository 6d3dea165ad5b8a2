import XCTest

@testable import PexBranding

/// Lookups as a Linux Conferencing Node answers them, with the case variant macOS or Windows would open.
final class ResolverTreeListingTests: XCTestCase {
    private func fileSystem() -> InMemoryFileSystem {
        var fileSystem = InMemoryFileSystem()
        for path in [
            "/b/settings.json", "/b/plugins/Hello/hello.plugin.json", "/b/plugins/Hello/Assets/Icon.SVG",
            "/b/plugins/x/.hidden.js", "/b/node_modules/dep/index.js", "/b/.git/config", "/b/notes.txt",
        ] {
            fileSystem.add(path, .file(Array("x".utf8)))
        }
        return fileSystem
    }

    func testLookups() {
        var tree = TreeListing(root: "/b", fileSystem: fileSystem())
        XCTAssertEqual(tree.lookup("settings.json"), .file)
        XCTAssertEqual(tree.lookup("plugins/Hello"), .directory)
        XCTAssertEqual(tree.lookup(""), .directory)
        XCTAssertEqual(tree.lookup("Settings.json"), .missing(caseVariant: "settings.json"))
        XCTAssertEqual(
            tree.lookup("plugins/hello/assets/icon.svg"), .missing(caseVariant: "plugins/Hello/Assets/Icon.SVG"))
        XCTAssertEqual(tree.lookup("plugins/hello/missing.js"), .missing(caseVariant: nil))
        XCTAssertEqual(tree.lookup("settings.json/x"), .missing(caseVariant: nil))
        XCTAssertEqual(tree.lookup("nothing/here.js"), .missing(caseVariant: nil))
    }

    func testWalkSkipsHiddenFilesAndNodeModules() {
        var tree = TreeListing(root: "/b", fileSystem: fileSystem())
        let walk = tree.files(limit: 100)
        XCTAssertTrue(walk.complete)
        XCTAssertEqual(
            walk.paths.sorted(),
            ["notes.txt", "plugins/Hello/Assets/Icon.SVG", "plugins/Hello/hello.plugin.json", "settings.json"])
        XCTAssertFalse(tree.files(limit: 2).complete)
    }

    func testUnlistableFolderIsReported() {
        var fileSystem = fileSystem()
        fileSystem.unlistable["/b/plugins/Hello"] = .permissionDenied
        var tree = TreeListing(root: "/b", fileSystem: fileSystem)
        XCTAssertEqual(tree.lookup("plugins/Hello/hello.plugin.json"), .unreadable(reason: "permission denied"))
        XCTAssertFalse(tree.files(limit: 100).complete)
    }

    /// Permission errors cannot be provoked on disk when tests run as root: drive them from memory.
    func testUnreadableFilesBecomeDiagnostics() {
        var fileSystem = InMemoryFileSystem()
        let manifest = #"{"brandingID": "1", "isSettingsBranded": true}"#
        fileSystem.add("/b/manifest.json", .file(Array(manifest.utf8)))
        fileSystem.add(
            "/b/settings.json", .file(Array(#"{"plugins": [{"id": "a", "srcURL": "a.json", "enabled": true}]}"#.utf8)))
        fileSystem.add("/b/a.json", .file([]))
        fileSystem.unreadable["/b/a.json"] = .permissionDenied
        let report = BrandingChecker.check(
            BrandingRoot(directory: "/b", displayName: "b", manifest: nil), in: fileSystem)
        XCTAssertEqual(report.diagnostics.map(\.code), ["PEX402"])
        XCTAssertEqual(report.diagnostics.first?.message, "a.json could not be read: permission denied")
        XCTAssertEqual(report.filesRead, 3)

        fileSystem.unreadable["/b/settings.json"] = .permissionDenied
        let second = BrandingChecker.check(
            BrandingRoot(directory: "/b", displayName: "b", manifest: nil), in: fileSystem)
        XCTAssertEqual(second.diagnostics.map(\.code), ["PEX201"])
    }
}
