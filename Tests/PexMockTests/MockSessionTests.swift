import PexMock
import XCTest

/// request_token / refresh_token / release_token and the PIN rules (infinity-client-api.md "Session").
final class MockSessionTests: XCTestCase {
    func testNoPINConferenceMakesEveryoneHost() {
        let mock = MockHarness()
        let reply = mock.call("request_token", body: #"{"display_name": "Dev"}"#)
        XCTAssertEqual(reply.status, 200)
        XCTAssertEqual(reply.result?["role"], .string("HOST"))
        XCTAssertEqual(reply.result?["expires"], .string("120"), "expires is a string of seconds")
        XCTAssertEqual(reply.result?["chat_enabled"], .bool(true))
        XCTAssertEqual(reply.result?["service_type"], .string("conference"))
    }

    func testAliasesAreCaseInsensitiveAndSecondAliasWorks() {
        let mock = MockHarness()
        XCTAssertEqual(mock.call("request_token", alias: "MEET.Alice", body: #"{"display_name": "Dev"}"#).status, 200)
    }

    func testUnknownConferenceIs404() {
        let mock = MockHarness()
        let reply = mock.call("request_token", alias: "nope", body: #"{"display_name": "Dev"}"#)
        XCTAssertEqual(reply.status, 404)
        XCTAssertEqual(reply.body["status"], .string("failed"))
    }

    func testPINRules() {
        var room = MockConference(aliases: ["vmr"])
        room.hostPIN = "1234"
        var strict = MockConference(aliases: ["strict"])
        strict.hostPIN = "1234"
        strict.guestPIN = "5678"
        var hostsOnly = MockConference(aliases: ["hosts"])
        hostsOnly.hostPIN = "1234"
        hostsOnly.allowGuests = false
        let mock = MockHarness(MockScenario(conferences: [room, strict, hostsOnly]))
        let body = #"{"display_name": "Dev"}"#
        let cases: [(alias: String, pin: String?, status: Int, result: MockJSON?)] = [
            ("vmr", nil, 403, .object([("pin", .string("required")), ("guest_pin", .string("none"))])),
            ("vmr", "none", 200, nil),
            ("vmr", "1234", 200, nil),
            ("vmr", "9999", 403, .string("Invalid PIN")),
            ("strict", nil, 403, .object([("pin", .string("required")), ("guest_pin", .string("required"))])),
            ("strict", "none", 403, .string("Invalid PIN")),
            ("strict", "5678", 200, nil),
            ("hosts", "none", 403, .string("Invalid PIN")),
            ("hosts", nil, 403, .object([("pin", .string("required")), ("guest_pin", .string("required"))])),
        ]
        for item in cases {
            let reply = mock.call("request_token", alias: item.alias, pin: item.pin, body: body)
            XCTAssertEqual(reply.status, item.status, "\(item.alias) pin \(item.pin ?? "-")")
            if let result = item.result { XCTAssertEqual(reply.result, result, "\(item.alias) pin \(item.pin ?? "-")") }
        }
        XCTAssertEqual(
            mock.call("request_token", alias: "vmr", pin: "none", body: body).result?["role"], .string("GUEST"))
        XCTAssertEqual(
            mock.call("request_token", alias: "strict", pin: "1234", body: body).result?["role"], .string("HOST"))
    }

    func testDisplayNameIsRequiredAndBodyMustBeJSON() {
        let mock = MockHarness()
        let cases: [(String, String)] = [
            ("", "display_name"), ("{}", "display_name"), (#"{"display_name": ""}"#, "non-empty"),
            (#"{"display_name": 42}"#, "non-empty string"), (#"{"display_name": "x",}"#, "malformed JSON"),
            ("[1]", "JSON object"), ("{", "malformed JSON"),
        ]
        for (body, expected) in cases {
            let reply = mock.call("request_token", body: body)
            XCTAssertEqual(reply.status, 400, body)
            guard case .string(let message)? = reply.result else { return XCTFail("no message for \(body)") }
            XCTAssertTrue(message.contains(expected), "\(body): \(message)")
        }
    }

    func testTokenExpiresWithRealBody() {
        let mock = MockHarness()
        let (token, uuid) = mock.join()
        XCTAssertEqual(mock.call("conference_status", method: "GET", token: token).status, 200)
        mock.clock.advance(by: 121)
        let reply = mock.call("conference_status", method: "GET", token: token)
        XCTAssertEqual(reply, .invalidToken)
        XCTAssertEqual(reply.body.text, #"{"status": "success", "result": "Invalid token"}"#)
        XCTAssertFalse(
            mock.service.snapshot.conferences[0].participants.contains { $0.uuid == uuid }, "expired participant left")
    }

    func testRefreshReplacesTheToken() {
        let mock = MockHarness()
        let (token, _) = mock.join()
        mock.clock.advance(by: 100)
        let reply = mock.call("refresh_token", token: token)
        guard case .string(let renewed)? = reply.result?["token"] else { return XCTFail("no token: \(reply)") }
        XCTAssertNotEqual(renewed, token)
        XCTAssertEqual(mock.call("participants", method: "GET", token: token).status, 403, "old token stops working")
        mock.clock.advance(by: 100)
        XCTAssertEqual(
            mock.call("participants", method: "GET", token: renewed).status, 200, "new token has its own lifetime")
    }

    func testReleaseEndsTheSessionAndItsStreams() {
        let mock = MockHarness()
        let (token, uuid) = mock.join()
        let watcher = mock.join("Watcher")
        let mine = mock.subscribe(token: token)
        let theirs = mock.subscribe(token: watcher.token)
        XCTAssertEqual(mock.call("release_token", token: token).result, .bool(true))
        XCTAssertEqual(mock.call("participants", method: "GET", token: token).status, 403)
        XCTAssertTrue(mine.isFinished)
        XCTAssertFalse(theirs.isFinished)
        XCTAssertEqual(theirs.names.last, "participant_delete")
        XCTAssertTrue(theirs.events.last?.data.contains(uuid) == true)
    }

    func testMissingOrUnknownTokenIs403() {
        let mock = MockHarness()
        XCTAssertEqual(mock.call("lock"), .invalidToken)
        XCTAssertEqual(mock.call("lock", token: "made-up"), .invalidToken)
        let other = mock.join(alias: "meet")
        var second = MockConference(aliases: ["other"])
        second.name = "Other"
        XCTAssertEqual(mock.call("lock", alias: "nope", token: other.token).status, 404)
    }

    func testWrongMethodAndUnknownCall() {
        let mock = MockHarness()
        let (token, _) = mock.join()
        let get = mock.call("lock", method: "GET", token: token)
        XCTAssertEqual(get.status, 405)
        XCTAssertEqual(get.headers.first?.1, "POST")
        XCTAssertEqual(mock.call("participants", method: "POST", token: token).status, 405)
        XCTAssertEqual(mock.call("frobnicate", method: "POST", token: token).status, 404)
        XCTAssertEqual(mock.call("request_token", method: "GET").status, 405)
    }
}
