import Foundation
import XCTest

/// Which browser the tests drive, and what is said when there is none.
final class ChromiumLocatorTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("pexdev-locator-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(at: folder)
    }

    private func makeExecutable(_ name: String) throws -> URL {
        let file = folder.appendingPathComponent(name)
        try Data("#!/bin/sh\n".utf8).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file.path)
        return file
    }

    func testFirstNameOnPathWins() throws {
        _ = try makeExecutable("google-chrome")
        let browser = try makeExecutable("chromium-browser")
        XCTAssertEqual(try Chromium.locate(environment: ["PATH": "/nonexistent:\(folder.path)"]), browser)
    }

    func testVariableComesFirst() throws {
        _ = try makeExecutable("chromium")
        let chosen = try makeExecutable("my-chrome")
        XCTAssertEqual(try Chromium.locate(environment: ["PATH": folder.path, "PEXDEV_CHROMIUM": chosen.path]), chosen)
        XCTAssertEqual(try Chromium.locate(environment: ["PATH": folder.path, "PEXDEV_CHROMIUM": "my-chrome"]), chosen)
    }

    func testNoBrowserSaysWhyForTheSkip() {
        XCTAssertThrowsError(try Chromium.locate(environment: ["PATH": folder.path])) { error in
            guard let missing = error as? Chromium.NotInstalled else { return XCTFail("\(error)") }
            XCTAssertTrue(missing.description.contains("chromium, chromium-browser, google-chrome"), "\(missing)")
            XCTAssertTrue(missing.description.contains(folder.path), "\(missing)")
        }
    }

    func testBadVariableFailsInsteadOfSkipping() {
        XCTAssertThrowsError(try Chromium.locate(environment: ["PEXDEV_CHROMIUM": "/nonexistent/chrome"])) { error in
            XCTAssertTrue(error is BrowserFailure, "\(error)")
            XCTAssertTrue("\(error)".contains("PEXDEV_CHROMIUM=/nonexistent/chrome"), "\(error)")
        }
    }
}
