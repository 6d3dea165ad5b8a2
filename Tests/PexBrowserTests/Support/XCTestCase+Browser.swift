import Foundation
import XCTest

extension XCTestCase {
    /// A running browser that teardown closes, pass or fail. Without Chromium the test is skipped, and the
    /// reason is printed as well, so a machine without a browser never looks green.
    func launchBrowser() async throws -> Browser {
        let browser = try await Browser.launch(executable: try chromiumOrSkip())
        addTeardownBlock { browser.close() }
        return browser
    }

    /// The Chromium to drive; without one the test is skipped, and says why on the output too.
    func chromiumOrSkip() throws -> URL {
        do {
            return try Chromium.locate()
        } catch let missing as Chromium.NotInstalled {
            print("warning: skipping \(name): \(missing)")
            throw XCTSkip(missing.description)
        }
    }

    /// The real pexdev serving `branding` (the sample by default), stopped in teardown.
    func startPexdev(serving branding: URL = PackageRoot.sampleBranding, arguments: [String] = []) async throws
        -> PexdevServer
    {
        let server = try await PexdevServer.start(serving: branding, arguments: arguments)
        addTeardownBlock { server.stop() }
        return server
    }
}
