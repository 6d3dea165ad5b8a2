import Foundation
import PexDevServer
import PexHTTP
import PexTestSupport
import XCTest

/// security.md items 1–22 as raw bytes over real loopback sockets to a real `DevServer` serving a tree with
/// symlinks out, dotfiles and a secret beside it (`WireCatalogue`).
final class CatalogueWireTests: XCTestCase {
    private var fixture: BrandingFixture!
    private var server: DevServer!

    override func setUpWithError() throws {
        fixture = try BrandingFixture()
        try fixture.write("webapp2/docs/.hidden", "hidden\n")
        try fixture.write("webapp2/.DS_Store", "finder\n")
        // Like a link to ~: a folder outside the tree.
        try FileManager.default.createSymbolicLink(
            atPath: fixture.root.appendingPathComponent("home-link").path,
            withDestinationPath: fixture.base.appendingPathComponent("outside").path)
        server = try DevServer(
            configuration: DevServerConfiguration(brandingPath: fixture.base.path, port: 0, threads: 2),
            log: SilentLog())
        try server.start()
    }

    override func tearDown() {
        server?.stop(graceMilliseconds: 200)
        server = nil
        fixture = nil
    }

    func testFramingCasesOverLoopback() {
        for testCase in WireCatalogue.framing { run(testCase) }
    }

    func testPathCasesOverLoopback() {
        for testCase in WireCatalogue.paths { run(testCase) }
    }

    func testTableNamesAreUniqueAndNumbered() {
        let names = WireCatalogue.all.map { "\($0.item): \($0.name)" }
        XCTAssertEqual(Set(names).count, names.count, "case names must be unique within an item")
        for testCase in WireCatalogue.all {
            XCTAssertTrue(
                (1...22).contains(testCase.item), "\(testCase.name): item \(testCase.item) is not an HTTP item")
            XCTAssertFalse(testCase.steps.isEmpty, testCase.name)
        }
    }

    /// Runs one case on a fresh connection; every failure names the case.
    private func run(_ testCase: WireCase) {
        let label = "catalogue \(testCase.item): \(testCase.name)"
        do {
            let client = try RawClient(port: server.port, timeoutSeconds: 5)
            for (index, step) in testCase.steps.enumerated() {
                let where_ = "\(label) (step \(index + 1))"
                switch step {
                case .send(let bytes):
                    client.send(bytes)
                case .sendBytewise(let bytes):
                    for byte in bytes { client.send([byte]) }
                case .expect(let statuses):
                    let response = try client.readResponse()
                    checkNoLeak(response, where_)
                    XCTAssertTrue(
                        statuses.contains(response.status),
                        "\(where_): got \(response.status), expected \(statuses): \(response.text.prefix(200))")
                case .expectFile(let relative):
                    let response = try client.readResponse()
                    checkNoLeak(response, where_)
                    XCTAssertEqual(response.status, 200, "\(where_): \(response.text.prefix(200))")
                    XCTAssertEqual(response.body, try fixture.bytes(relative), "\(where_): not the body of \(relative)")
                case .expectClosed:
                    XCTAssertTrue(client.readsEOF(), "\(where_): the connection was left open")
                case .expectStillServing:
                    client.send("GET \(WireCatalogue.health) HTTP/1.1\r\nHost: localhost\r\n\r\n")
                    let response = try client.readResponse()
                    XCTAssertEqual(response.status, 200, "\(where_): the connection is out of step")
                    XCTAssertEqual(response.text, "{\"status\":\"ok\"}\n", "\(where_): the connection is out of step")
                }
            }
        } catch {
            XCTFail("\(label): \(error)")
        }
    }

    private func checkNoLeak(_ response: RawResponse, _ where_: String) {
        XCTAssertFalse(response.text.contains("root:x:0:0"), "\(where_) leaked /etc/passwd")
        XCTAssertFalse(response.text.contains("top secret"), "\(where_) leaked a file outside the root")
        XCTAssertFalse(response.text.contains("SECRET=1"), "\(where_) leaked .env")
        XCTAssertNil(response.header("Access-Control-Allow-Origin"), "\(where_): no CORS")
    }
}
