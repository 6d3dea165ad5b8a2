import Foundation
import XCTest

@testable import PexBranding

/// `BrandingPackager` on real trees: what goes in, what stays out, the manifest stamp, determinism, refusals.
final class PackagingTests: XCTestCase {
    private var tree: TemporaryTree!

    override func setUpWithError() throws { tree = try TemporaryTree() }
    override func tearDown() { tree?.remove() }

    /// A small clean tree (two plugins) plus the clutter a real folder collects.
    private func writeTree(manifest: String? = #"{"brandingID": "1000", "isSettingsBranded": true}"#) throws
        -> BrandingRoot
    {
        if let manifest { try tree.write("src/webapp2/manifest.json", manifest) }
        try tree.write("src/webapp2/settings.json", "{\n  \"plugins\": []\n}\n")
        let root = try BrandingLocator.locate(tree.path("src/webapp2"), currentDirectory: "/")
        for name in ["alpha", "beta"] {
            _ = try PluginScaffold.create(PluginTemplate(name: name), in: root)
        }
        try tree.write("src/webapp2/notes.txt", "todo")
        try tree.write("src/webapp2/README.md", "# branding")
        try tree.write("src/webapp2/.DS_Store", "x")
        try tree.write("src/webapp2/.git/HEAD", "ref")
        try tree.write("src/webapp2/plugins/alpha/alpha.plugin.js~", "old")
        try tree.write("src/webapp2/plugins/alpha/4913", "")
        try tree.write("src/webapp2/plugins/old/old.plugin.json", "{}")
        try tree.write("src/webapp2/plugins/alpha/assets/extra.css", "a {}")
        return try BrandingLocator.locate(tree.path("src/webapp2"), currentDirectory: "/")
    }

    private func request(_ root: BrandingRoot, now: UInt64 = 1_764_072_000_000) -> PackageRequest {
        var request = PackageRequest(root: root, output: tree.path("out.zip"), currentDirectory: tree.path)
        request.now = { now }
        return request
    }

    func testPackagesTheBrandingSetAndListsWhatItLeavesOut() throws {
        let root = try writeTree()
        let result = try BrandingPackager.package(request(root))

        XCTAssertEqual(result.output, tree.path("out.zip"))
        XCTAssertEqual(result.brandingID, "1764072000000")
        XCTAssertEqual(result.previousID, "1000")
        XCTAssertEqual(result.manifest, .updated)
        XCTAssertEqual(
            result.excluded,
            [
                PackageExclusion(path: ".DS_Store", reason: "hidden (dotfile)"),
                PackageExclusion(path: ".git/", reason: "hidden (dotfile)"),
                PackageExclusion(path: "README.md", reason: "repository file, not branding"),
                PackageExclusion(path: "notes.txt", reason: "not referenced by settings.json or any plugin"),
                PackageExclusion(path: "plugins/alpha/4913", reason: "editor or system leftover"),
                PackageExclusion(path: "plugins/alpha/alpha.plugin.js~", reason: "editor or system leftover"),
                PackageExclusion(
                    path: "plugins/old/old.plugin.json", reason: "plugin folder not listed in settings.json"),
            ])

        let reader = try ZipReader.open(path: result.output)
        XCTAssertEqual(
            reader.entries.map(\.name),
            [
                "webapp2/", "webapp2/manifest.json", "webapp2/plugins/", "webapp2/plugins/alpha/",
                "webapp2/plugins/alpha/alpha.plugin.js", "webapp2/plugins/alpha/alpha.plugin.json",
                "webapp2/plugins/alpha/assets/", "webapp2/plugins/alpha/assets/alpha.svg",
                "webapp2/plugins/alpha/assets/extra.css", "webapp2/plugins/beta/", "webapp2/plugins/beta/assets/",
                "webapp2/plugins/beta/assets/beta.svg", "webapp2/plugins/beta/beta.plugin.js",
                "webapp2/plugins/beta/beta.plugin.json", "webapp2/settings.json",
            ])
        XCTAssertEqual(result.entryCount, reader.entries.count)
        XCTAssertEqual(result.fileCount, 9)
        // Every packaged file is the file on disk (the manifest as stamped and written back).
        let files = try reader.files(under: "webapp2/")
        for (path, bytes) in files {
            XCTAssertEqual(
                bytes, [UInt8](try Data(contentsOf: URL(fileURLWithPath: root.directory + "/" + path))), path)
        }
        XCTAssertEqual(
            String(decoding: try XCTUnwrap(files["manifest.json"]), as: UTF8.self),
            #"{"brandingID": "1764072000000", "isSettingsBranded": true}"#)
        // The archive checks clean as a branding source of its own.
        let archiveRoot = try BrandingLocator.locate(result.output, currentDirectory: "/")
        XCTAssertEqual(BrandingChecker.check(archiveRoot).diagnostics, [])
    }

    func testSameTreeAndBrandingIDGiveTheSameBytes() throws {
        let root = try writeTree()
        var first = request(root)
        first.bump = false
        first.output = tree.path("a.zip")
        var second = first
        second.output = tree.path("b.zip")
        _ = try BrandingPackager.package(first)
        _ = try BrandingPackager.package(second)
        let a = try Data(contentsOf: URL(fileURLWithPath: tree.path("a.zip")))
        XCTAssertEqual(a, try Data(contentsOf: URL(fileURLWithPath: tree.path("b.zip"))))
        XCTAssertEqual(
            try String(contentsOfFile: root.directory + "/manifest.json", encoding: .utf8),
            #"{"brandingID": "1000", "isSettingsBranded": true}"#, "--no-bump leaves the manifest alone")
    }

    func testBrandingIDStrictlyIncreasesEvenInTheSameMillisecond() throws {
        let root = try writeTree()
        var ids: [String] = []
        for index in 0..<3 {
            var sameMillisecond = request(root, now: 1_764_072_000_000)
            sameMillisecond.output = tree.path("p\(index).zip")
            ids.append(try XCTUnwrap(try BrandingPackager.package(sameMillisecond).brandingID))
        }
        XCTAssertEqual(ids, ["1764072000000", "1764072000001", "1764072000002"])
    }

    func testNextBrandingID() {
        XCTAssertEqual(BrandingID.next(after: nil, nowMilliseconds: 5), "5")
        XCTAssertEqual(BrandingID.next(after: "abc", nowMilliseconds: 5), "5")
        XCTAssertEqual(BrandingID.next(after: "3", nowMilliseconds: 5), "5")
        XCTAssertEqual(BrandingID.next(after: "5", nowMilliseconds: 5), "6")
        XCTAssertEqual(BrandingID.next(after: "0099", nowMilliseconds: 5), "100", "leading zeros do not count")
        XCTAssertEqual(
            BrandingID.next(after: "99999999999999999999999", nowMilliseconds: 5), "100000000000000000000000",
            "ids beyond 64 bits still increase")
    }

    func testManifestFormattingAndTypesArePreserved() throws {
        let manifest =
            "{\r\n\t\"brandingID\": 1000,\r\n\t\"isSettingsBranded\": false,\r\n\t\"isStylesBranded\": true\r\n}"
        let root = try writeTree(manifest: manifest)
        let result = try BrandingPackager.package(request(root))
        XCTAssertEqual(result.fixed.map(\.code), ["PEX103"], "isSettingsBranded: false is fixed, not refused")
        XCTAssertEqual(
            try String(contentsOfFile: root.directory + "/manifest.json", encoding: .utf8),
            "{\r\n\t\"brandingID\": 1764072000000,\r\n\t\"isSettingsBranded\": true,\r\n\t\"isStylesBranded\": true\r\n}",
            "a number stays a number; only the two values change")
    }

    func testAMissingManifestIsCreated() throws {
        let root = try writeTree(manifest: nil)
        let result = try BrandingPackager.package(request(root))
        XCTAssertEqual(result.manifest, .created)
        XCTAssertEqual(
            try String(contentsOfFile: root.directory + "/manifest.json", encoding: .utf8),
            "{\n  \"brandingID\": \"1764072000000\",\n  \"isSettingsBranded\": true\n}\n")
        XCTAssertNotNil(try ZipReader.open(path: result.output).entries.first { $0.name == "webapp2/manifest.json" })

        try FileManager.default.removeItem(atPath: root.directory + "/manifest.json")
        var noBump = request(root)
        noBump.output = tree.path("other.zip")
        noBump.bump = false
        XCTAssertThrowsError(try BrandingPackager.package(noBump)) {
            XCTAssertEqual(($0 as? PackagingError)?.kind, .manifest)
        }
    }

    func testErrorsRefuseThePackageUnlessForced() throws {
        let root = try writeTree()
        try tree.write("src/webapp2/plugins/beta/beta.plugin.json", #"{"id": "beta", "srcURL": "missing.js"}"#)
        XCTAssertThrowsError(try BrandingPackager.package(request(root))) { error in
            let failure = error as? PackagingError
            XCTAssertEqual(failure?.kind, .checkFailed)
            XCTAssertEqual(failure?.diagnostics.map(\.code), ["PEX402"])
            XCTAssertEqual(failure?.message, "not packaged: 1 error would stop plugins loading")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: tree.path("out.zip")))
        XCTAssertEqual(
            try String(contentsOfFile: root.directory + "/manifest.json", encoding: .utf8),
            #"{"brandingID": "1000", "isSettingsBranded": true}"#, "a refused package changes nothing")

        var forced = request(root)
        forced.force = true
        let result = try BrandingPackager.package(forced)
        XCTAssertEqual(result.overriddenErrors.map(\.code), ["PEX402"])
    }

    func testAnExistingOutputIsKeptUnlessForced() throws {
        let root = try writeTree()
        try tree.write("out.zip", "precious")
        XCTAssertThrowsError(try BrandingPackager.package(request(root))) {
            XCTAssertEqual(($0 as? PackagingError)?.kind, .outputExists)
        }
        XCTAssertEqual(try String(contentsOfFile: tree.path("out.zip"), encoding: .utf8), "precious")
        var forced = request(root)
        forced.force = true
        XCTAssertNoThrow(try BrandingPackager.package(forced))
        XCTAssertNoThrow(try ZipReader.open(path: tree.path("out.zip")))
    }

    func testAFolderInTheWayIsRefusedAndNothingIsLeftBehind() throws {
        let root = try writeTree()
        try tree.makeDirectory("out.zip")
        var forced = request(root)
        forced.force = true
        XCTAssertThrowsError(try BrandingPackager.package(forced)) {
            XCTAssertEqual(($0 as? PackagingError)?.kind, .outputIsFolder)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: tree.path).sorted(), ["out.zip", "src"])
    }

    func testAnUnwritableOutputLeavesEverythingAsItWas() throws {
        let root = try writeTree()
        // A file where a folder is needed: the temporary file cannot even be created there.
        try tree.makeDirectory("locked")
        try tree.write("locked/out.zip", "old")
        var locked = request(root)
        locked.output = tree.path("locked/out.zip/inner.zip")
        locked.force = true
        XCTAssertThrowsError(try BrandingPackager.package(locked)) {
            XCTAssertEqual(($0 as? PackagingError)?.kind, .fileSystem, "\($0)")
        }
        XCTAssertEqual(try String(contentsOfFile: tree.path("locked/out.zip"), encoding: .utf8), "old")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: tree.path("locked")), ["out.zip"])
        XCTAssertEqual(
            try String(contentsOfFile: root.directory + "/manifest.json", encoding: .utf8),
            #"{"brandingID": "1000", "isSettingsBranded": true}"#,
            "the manifest is stamped only once the ZIP is in place")
    }

    func testAnArchiveIsNotPackagedAgain() throws {
        let root = try writeTree()
        let result = try BrandingPackager.package(request(root))
        let archive = try BrandingLocator.locate(result.output, currentDirectory: "/")
        XCTAssertThrowsError(try BrandingPackager.package(request(archive))) {
            XCTAssertEqual(($0 as? PackagingError)?.kind, .alreadyAnArchive)
        }
    }

    func testSymlinksLeadingOutOfTheTreeStayOut() throws {
        let root = try writeTree()
        try tree.write("secret.txt", "do not ship")
        try tree.symlink("src/webapp2/plugins/alpha/assets/secret.txt", to: tree.path("secret.txt"))
        try tree.symlink("src/webapp2/plugins/alpha/assets/copy.svg", to: "alpha.svg")
        let result = try BrandingPackager.package(request(root))
        XCTAssertTrue(
            result.excluded.contains(
                PackageExclusion(
                    path: "plugins/alpha/assets/secret.txt", reason: "symbolic link leading outside the tree")))
        let files = try ZipReader.open(path: result.output).files(under: "webapp2/")
        XCTAssertNil(files["plugins/alpha/assets/secret.txt"])
        XCTAssertEqual(files["plugins/alpha/assets/copy.svg"], files["plugins/alpha/assets/alpha.svg"])
    }
}
