import XCTest

@testable import PexBranding

/// Failures that a test running as root cannot provoke on disk, driven through an in-memory file system.
final class BrandingLocatorFileSystemFailureTests: XCTestCase {
    private func locateError(_ path: String, in fileSystem: InMemoryFileSystem) -> BrandingLocationError? {
        do {
            let root = try BrandingLocator.locate(path, currentDirectory: "/home/dev", in: fileSystem)
            XCTFail("expected an error, located \(root.directory)")
            return nil
        } catch {
            return error
        }
    }

    func testUnlistableFolderIsPermissionDenied() throws {
        var fileSystem = InMemoryFileSystem()
        fileSystem.add("/home/dev/branding", .directory)
        fileSystem.unlistable["/home/dev/branding"] = .permissionDenied

        let error = try XCTUnwrap(locateError("branding", in: fileSystem))

        XCTAssertEqual(error.reason, .permissionDenied)
        XCTAssertEqual(error.description, "cannot read '/home/dev/branding': permission denied")
        XCTAssertEqual(error.hint, "check the permissions of that path and of the folders above it")
    }

    /// `stat` fails with EACCES when a folder above has no search permission.
    func testUnsearchableParentIsPermissionDenied() throws {
        var fileSystem = InMemoryFileSystem()
        fileSystem.failing["/srv/private/webapp2"] = .permissionDenied

        let error = try XCTUnwrap(locateError("/srv/private/webapp2", in: fileSystem))

        XCTAssertEqual(error.reason, .permissionDenied)
        XCTAssertEqual(error.description, "cannot read '/srv/private/webapp2': permission denied")
    }

    func testUnlistableWebapp2FolderNamesIt() throws {
        var fileSystem = InMemoryFileSystem()
        fileSystem.add("/home/dev/pkg/webapp2", .directory)
        fileSystem.unlistable["/home/dev/pkg/webapp2"] = .permissionDenied

        let error = try XCTUnwrap(locateError("pkg", in: fileSystem))

        XCTAssertEqual(error.description, "cannot read '/home/dev/pkg/webapp2': permission denied")
    }

    func testOtherFailuresKeepTheSystemWording() throws {
        var fileSystem = InMemoryFileSystem()
        fileSystem.failing["/home/dev/pkg"] = FileSystemFailure(isPermissionDenied: false, reason: "Input/output error")

        let error = try XCTUnwrap(locateError("pkg", in: fileSystem))

        XCTAssertEqual(error.reason, .unreadable)
        XCTAssertEqual(error.description, "cannot read '/home/dev/pkg': Input/output error")
        XCTAssertNil(error.hint)
    }

    func testUnreadableManifestIsAProblemNotAnError() throws {
        var fileSystem = InMemoryFileSystem()
        fileSystem.add("/home/dev/webapp2/manifest.json", .file(Array(#"{"brandingID": "1"}"#.utf8)))
        fileSystem.add("/home/dev/webapp2/settings.json", .file(Array("{}".utf8)))
        fileSystem.unreadable["/home/dev/webapp2/manifest.json"] = .permissionDenied

        let root = try BrandingLocator.locate("webapp2", currentDirectory: "/home/dev", in: fileSystem)

        XCTAssertEqual(root.directory, "/home/dev/webapp2")
        XCTAssertEqual(root.manifest, Manifest(problem: "manifest.json could not be read: permission denied"))
    }

    func testAnswersFromTheFakeMatchTheRealDecision() throws {
        var fileSystem = InMemoryFileSystem()
        fileSystem.add("/home/dev/pkg/webapp2/manifest.json", .file(Array(#"{"brandingID": 7}"#.utf8)))

        let root = try BrandingLocator.locate(".", currentDirectory: "/home/dev/pkg", in: fileSystem)

        XCTAssertEqual(
            root,
            BrandingRoot(directory: "/home/dev/pkg/webapp2", displayName: "pkg", manifest: Manifest(brandingID: "7")))
    }
}
