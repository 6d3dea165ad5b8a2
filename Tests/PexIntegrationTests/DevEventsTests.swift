import Foundation
import PexDevServer
import PexHTTP
import PexTestSupport
import XCTest

/// `/__pexdev/events` as the shell's reload client sees it, with real file changes on disk.
final class DevEventsTests: XCTestCase {
    private var fixture: BrandingFixture!
    private var server: DevServer!

    override func tearDown() {
        server?.stop(graceMilliseconds: 0)
        server = nil
        fixture = nil
    }

    private func start(_ configure: (inout DevServerConfiguration) -> Void = { _ in }) throws -> EventStreamClient {
        fixture = try BrandingFixture()
        var configuration = DevServerConfiguration(brandingPath: fixture.base.path, port: 0, threads: 1)
        configure(&configuration)
        server = try DevServer(configuration: configuration, log: SilentLog())
        try server.start()
        let events = try EventStreamClient(port: server.port, target: "/__pexdev/events")
        XCTAssertEqual(events.status, 200)
        return events
    }

    func testHelloThenOneReloadPerSave() throws {
        let events = try start()
        let hello = try events.next()
        XCTAssertEqual(hello.event, "hello")
        let greeting = hello.json as? [String: Any]
        XCTAssertEqual(greeting?["mode"] as? String, "live")
        XCTAssertEqual(greeting?["brandingID"] as? String, "1732541234567")
        XCTAssertFalse((greeting?["bootID"] as? String ?? "").isEmpty)

        try fixture.write(
            "webapp2/settings.json",
            #"{"plugins": [{"id": "demo-1.0", "srcURL": "plugins/demo/demo.plugin.json", "enabled": false}]}"#)
        let reload = try events.next()
        XCTAssertEqual(reload.event, "reload")
        let plan = reload.json as? [String: Any]
        XCTAssertEqual(plan?["files"] as? [String], ["settings.json"])
        XCTAssertEqual(plan?["brandingIDChanged"] as? Bool, false)
        XCTAssertNotNil(plan?["productionNotice"] as? String)
    }

    func testForeignPagesCannotListen() throws {
        _ = try start()
        let client = try RawClient(port: server.port)
        client.send("GET /__pexdev/events HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: http://evil.example\r\n\r\n")
        XCTAssertEqual(try client.readResponse().status, 403)
        let post = try RawClient(port: server.port)
        post.send("POST /__pexdev/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n")
        XCTAssertEqual(try post.readResponse().status, 405)
    }

    func testBumpBrandingIDRewritesTheManifestAndReloadsFully() throws {
        let events = try start { $0.bumpBrandingID = true }
        _ = try events.next()  // hello
        try fixture.write("webapp2/plugins/demo/demo.plugin.js", "(function () { /* bumped */ })();\n")
        let reload = try events.next()
        let plan = reload.json as? [String: Any]
        XCTAssertEqual(plan?["kind"] as? String, "full", "\(reload.data)")
        XCTAssertEqual(plan?["brandingIDChanged"] as? Bool, true)
        let manifest = try String(contentsOf: fixture.root.appendingPathComponent("manifest.json"), encoding: .utf8)
        let id = try XCTUnwrap(plan?["brandingID"] as? String)
        XCTAssertGreaterThan(UInt64(id) ?? 0, 1_732_541_234_567)
        // Only the value changed: same key order, same spacing.
        XCTAssertEqual(manifest, #"{"brandingID": "\#(id)", "isSettingsBranded": true}"#)
    }

    func testStrictModeSendsPendingChangesInstead() throws {
        let events = try start { $0.strictBranding = true }
        XCTAssertEqual((try events.next().json as? [String: Any])?["mode"] as? String, "strict")
        try fixture.write("webapp2/plugins/demo/demo.plugin.js", "(function () { /* held */ })();\n")
        let plan = try events.next().json as? [String: Any]
        XCTAssertEqual(plan?["kind"] as? String, "none")
        XCTAssertEqual(plan?["pending"] as? [String], ["plugins/demo/demo.plugin.js"])
    }
}
