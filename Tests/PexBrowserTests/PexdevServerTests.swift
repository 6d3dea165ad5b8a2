import Foundation
import XCTest

/// The pexdev helper: reading the banner, and starting and stopping the real binary.
final class PexdevServerTests: XCTestCase {
    func testBannerAppURLOnlyOnceTheLineIsComplete() {
        let banner = "pexdev 0.1.0 serving branding \"x\"\n  app       http://127.0.0.1:4321/webapp2/\n"
        XCTAssertEqual(PexdevServer.appURL(inBanner: banner)?.absoluteString, "http://127.0.0.1:4321/webapp2/")
        XCTAssertNil(PexdevServer.appURL(inBanner: "pexdev 0.1.0\n  app       http://127.0.0.1:43"))
    }

    func testServesSampleBrandingUntilStopped() async throws {
        let server = try await startPexdev()
        XCTAssertEqual(server.baseURL.path, "/")
        XCTAssertEqual(server.baseURL.appendingPathComponent("webapp2/").absoluteString, "\(server.baseURL)webapp2/")
        XCTAssertEqual(server.appURL.path, "/webapp2")
        XCTAssertEqual(server.appURL.port, server.baseURL.port)
        XCTAssertTrue(server.standardOutput.contains("serving branding"), server.standardOutput)
        XCTAssertTrue(server.isRunning)
        server.stop()
        XCTAssertFalse(server.isRunning, server.standardError)
        server.stop()
    }
}
