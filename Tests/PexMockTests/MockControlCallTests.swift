import PexMock
import XCTest

/// Conference and participant control calls: results, events, permissions, validation.
final class MockControlCallTests: XCTestCase {
    func testEveryControlCallIsReflectedOnceInOrder() {
        let mock = MockHarness()
        let host = mock.join()
        let stream = mock.subscribe(token: host.token)
        let syncCount = stream.events.count
        let carol = mock.uuid(of: "Carol Guest")
        let calls: [(String, String, String)] = [
            ("lock", "", "conference_update"),
            ("unlock", "", "conference_update"),
            ("muteguests", "", "conference_update"),
            ("unmuteguests", "", "conference_update"),
            ("transform_layout", #"{"transforms": {"layout": "4:0"}}"#, "layout"),
            ("participants/\(carol)/mute", "", "participant_update"),
            ("participants/\(carol)/unmute", "", "participant_update"),
            ("participants/\(carol)/spotlighton", "", "participant_update"),
            ("participants/\(carol)/spotlightoff", "", "participant_update"),
            ("participants/\(carol)/buzz", "", "participant_update"),
            ("participants/\(carol)/clearbuzz", "", "participant_update"),
            ("participants/\(carol)/denyrxpresentation", "", "participant_update"),
            ("participants/\(carol)/allowrxpresentation", "", "participant_update"),
            ("participants/\(carol)/role", #"{"role": "chair"}"#, "participant_update"),
            ("participants/\(carol)/unlock", "", "participant_update"),
            ("participants/\(carol)/disconnect", "", "participant_delete"),
        ]
        var expected: [String] = []
        for (path, body, event) in calls {
            let before = stream.events.count
            let reply = mock.call(path, token: host.token, body: body)
            XCTAssertEqual(reply.status, 200, "\(path): \(reply.body.text)")
            let added = Array(stream.names[before...])
            // muteguests also updates each guest it mutes; the call's own event comes first.
            XCTAssertEqual(added.first, event, path)
            expected += added
        }
        XCTAssertEqual(Array(stream.names[syncCount...]), expected)
        let muted = stream.events.filter { $0.name == "conference_update" }.map { $0.data.contains(#""locked": true"#) }
        XCTAssertEqual(muted, [false, true, false, false, false], "sync, lock, unlock, muteguests, unmuteguests")
    }

    func testMuteGuestsMutesEachGuestAndNewGuests() {
        var room = MockConference(aliases: ["vmr"])
        room.hostPIN = "1234"
        room.participants = [MockParticipant(uuid: "g1", displayName: "Gina", role: .guest, startTime: 1)]
        let mock = MockHarness(MockScenario(conferences: [room]))
        let host = mock.join(alias: "vmr", pin: "1234")
        XCTAssertEqual(mock.call("muteguests", alias: "vmr", token: host.token).status, 200)
        let state = mock.service.snapshot.conferences[0]
        XCTAssertTrue(state.guestsMuted)
        XCTAssertTrue(state.participants[0].isMuted)
        XCTAssertFalse(state.participants[1].isMuted, "hosts stay unmuted")
        let guest = mock.join("Late", alias: "vmr", pin: "none")
        XCTAssertEqual(mock.service.snapshot.conferences[0].participants.last?.uuid, guest.uuid)
        XCTAssertTrue(mock.service.snapshot.conferences[0].participants.last?.isMuted == true)
    }

    func testGuestsMayNotControlOthersButMayMuteThemselves() {
        var room = MockConference(aliases: ["vmr"])
        room.hostPIN = "1234"
        let mock = MockHarness(MockScenario(conferences: [room]))
        let host = mock.join("Host", alias: "vmr", pin: "1234")
        let guest = mock.join("Guest", alias: "vmr", pin: "none")
        for path in ["lock", "muteguests", "transform_layout", "dial", "participants/\(host.uuid)/mute"] {
            XCTAssertEqual(mock.call(path, alias: "vmr", token: guest.token).status, 403, path)
        }
        XCTAssertEqual(mock.call("participants/\(guest.uuid)/mute", alias: "vmr", token: guest.token).status, 200)
        XCTAssertEqual(
            mock.call(
                "participants/\(guest.uuid)/role", alias: "vmr", token: guest.token,
                body: #"{"role": "chair"}"#
            ).status, 403, "a guest cannot promote itself")
        XCTAssertEqual(mock.call("message", alias: "vmr", token: guest.token, body: #"{"payload": "hi"}"#).status, 200)
        XCTAssertEqual(mock.call("participants", method: "GET", alias: "vmr", token: guest.token).status, 200)
    }

    func testLockedConferenceHoldsGuestsInTheWaitingRoomUntilAdmitted() {
        var room = MockConference(aliases: ["vmr"])
        room.hostPIN = "1234"
        room.locked = true
        let mock = MockHarness(MockScenario(conferences: [room]))
        let host = mock.join("Host", alias: "vmr", pin: "1234")
        let guestReply = mock.call("request_token", alias: "vmr", pin: "none", body: #"{"display_name": "G"}"#)
        XCTAssertEqual(guestReply.result?["service_type"], MockJSON.string("waiting_room"))
        guard case .string(let guest)? = guestReply.result?["participant_uuid"] else { return XCTFail() }
        XCTAssertEqual(mock.call("participants/\(guest)/unlock", alias: "vmr", token: host.token).status, 200)
        XCTAssertEqual(mock.service.snapshot.conferences[0].participants.last?.serviceType, "conference")
    }

    func testMessageGoesToEveryoneButTheSender() {
        let mock = MockHarness()
        let alice = mock.join("A")
        let bob = mock.join("B")
        let aliceStream = mock.subscribe(token: alice.token)
        let bobStream = mock.subscribe(token: bob.token)
        let reply = mock.call("message", token: alice.token, body: #"{"type": "text/plain", "payload": "hello"}"#)
        XCTAssertEqual(reply.status, 200)
        XCTAssertFalse(aliceStream.names.contains("message_received"))
        let received = bobStream.events.last { $0.name == "message_received" }
        XCTAssertTrue(received?.data.contains(#""origin": "A""#) == true)
        XCTAssertTrue(received?.data.contains(#""payload": "hello""#) == true)
        XCTAssertEqual(mock.call("message", token: alice.token, body: #"{"payload": 5}"#).status, 400)
    }

    func testChatDisabledIs403() {
        var room = MockConference(aliases: ["quiet"])
        room.chatEnabled = false
        let mock = MockHarness(MockScenario(conferences: [room]))
        let host = mock.join(alias: "quiet")
        XCTAssertEqual(mock.call("message", alias: "quiet", token: host.token, body: #"{"payload": "hi"}"#).status, 403)
    }

    func testTransformLayoutValidation() {
        let mock = MockHarness()
        let host = mock.join()
        let cases: [(String, Int)] = [
            (#"{"transforms": {"layout": "4:0"}}"#, 200), (#"{"transforms": {}}"#, 200),
            (#"{"transforms": {"layout": "7:7"}}"#, 400), (#"{"transforms": {"layout": 4}}"#, 400),
            (#"{"transforms": "4:0"}"#, 400), ("{}", 400), (#"{"transforms": {"host_layout": "ac"}}"#, 200),
        ]
        for (body, status) in cases {
            XCTAssertEqual(mock.call("transform_layout", token: host.token, body: body).status, status, body)
        }
        XCTAssertEqual(mock.service.snapshot.conferences[0].layout, "ac")
        // Only the keys given change anything: a guest layout alone keeps the main layout.
        XCTAssertEqual(
            mock.call("transform_layout", token: host.token, body: #"{"transforms": {"guest_layout": "4:0"}}"#).status,
            200)
        XCTAssertEqual(mock.service.snapshot.conferences[0].layout, "ac")
    }

    func testWrongTypesAreRefusedNotDefaulted() {
        let mock = MockHarness()
        let host = mock.join()
        let carol = mock.uuid(of: "Carol Guest")
        XCTAssertEqual(mock.call("dial", token: host.token, body: #"{"destination": "x", "protocol": {}}"#).status, 400)
        XCTAssertEqual(mock.call("message", token: host.token, body: #"{"payload": "hi", "type": 1}"#).status, 400)
        XCTAssertEqual(
            mock.call(
                "participants/\(carol)/transfer", token: host.token, body: #"{"conference_alias": "meet", "role": 3}"#
            ).status, 400)
        guard
            case .failure(let error) = mock.service.perform(
                .update(participant: "Carol Guest", fields: [("call_direction", .string("sideways"))]), alias: "meet")
        else { return XCTFail("call_direction is in or out") }
        XCTAssertTrue(error.message.contains(#""in", "out""#), error.message)
    }

    func testDialReturnsUUIDsAndTheParticipantAnswersLater() {
        let mock = MockHarness()
        let host = mock.join()
        let stream = mock.subscribe(token: host.token)
        let reply = mock.call(
            "dial", token: host.token,
            body: #"{"destination": "rec@example.com", "protocol": "rtmp", "role": "GUEST", "streaming": true}"#)
        guard case .array(let uuids)? = reply.result, case .string(let uuid)? = uuids.first else {
            return XCTFail("dial result should be a list of uuids: \(reply.body.text)")
        }
        var dialled = mock.service.snapshot.conferences[0].participants.first { $0.uuid == uuid }
        XCTAssertEqual(dialled?.serviceType, "connecting")
        XCTAssertEqual(dialled?.isStreaming, true)
        XCTAssertEqual(dialled?.callDirection, "out")
        mock.clock.advance(by: 1)
        mock.service.advance()
        XCTAssertEqual(
            mock.service.snapshot.conferences[0].participants.first { $0.uuid == uuid }?.serviceType, "connecting")
        mock.clock.advance(by: 1.5)
        mock.service.advance()
        dialled = mock.service.snapshot.conferences[0].participants.first { $0.uuid == uuid }
        XCTAssertEqual(dialled?.serviceType, "conference")
        XCTAssertEqual(stream.names.suffix(2), ["participant_create", "participant_update"])
        for bad in [
            "{}", #"{"destination": ""}"#, #"{"destination": "x", "protocol": "pigeon"}"#,
            #"{"destination": "x", "role": "boss"}"#, #"{"destination": "x", "streaming": "yes"}"#,
        ] {
            XCTAssertEqual(mock.call("dial", token: host.token, body: bad).status, 400, bad)
        }
    }

    func testParticipantCallErrors() {
        let mock = MockHarness()
        let host = mock.join()
        let carol = mock.uuid(of: "Carol Guest")
        XCTAssertEqual(mock.call("participants/nobody/mute", token: host.token).status, 404)
        XCTAssertEqual(mock.call("participants/\(carol)/frob", token: host.token).status, 404)
        XCTAssertEqual(mock.call("participants/\(carol)/mute", method: "GET", token: host.token).status, 405)
        XCTAssertEqual(
            mock.call("participants/\(carol)/dtmf", token: host.token, body: #"{"digits": "12#"}"#).status, 200)
        XCTAssertEqual(
            mock.call("participants/\(carol)/dtmf", token: host.token, body: #"{"digits": "12x"}"#).status, 400)
        XCTAssertEqual(
            mock.call("participants/\(carol)/role", token: host.token, body: #"{"role": "king"}"#).status, 400)
        XCTAssertEqual(mock.call("participants/\(carol)/mute", token: host.token, body: "{oops").status, 400)
    }

    func testTransferMovesAParticipant() {
        var other = MockConference(aliases: ["other"])
        other.name = "Other"
        var scenario = MockScenario.standard
        scenario.conferences.append(other)
        let mock = MockHarness(scenario)
        let host = mock.join()
        let carol = mock.uuid(of: "Carol Guest")
        XCTAssertEqual(
            mock.call(
                "participants/\(carol)/transfer", token: host.token,
                body: #"{"conference_alias": "other", "role": "guest"}"#
            ).status, 200)
        XCTAssertEqual(mock.service.snapshot.conferences[1].participants.map(\.displayName), ["Carol Guest"])
        XCTAssertEqual(
            mock.call(
                "participants/\(host.uuid)/transfer", token: host.token, body: #"{"conference_alias": "nowhere"}"#
            ).status, 400)
    }

    func testReadCallsReturnTheRosterAndStatus() {
        let mock = MockHarness()
        let host = mock.join()
        guard case .array(let people)? = mock.call("participants", method: "GET", token: host.token).result else {
            return XCTFail()
        }
        XCTAssertEqual(people.count, 6)
        XCTAssertEqual(people[1]["is_muted"], MockJSON.string("YES"), "flags are YES/NO strings")
        XCTAssertEqual(people[0]["spotlight"], MockJSON.int(0))
        let status = mock.call("conference_status", method: "GET", token: host.token).result
        XCTAssertEqual(status?["locked"], MockJSON.bool(false))
        XCTAssertEqual(status?["started"], MockJSON.bool(true))
    }
}
