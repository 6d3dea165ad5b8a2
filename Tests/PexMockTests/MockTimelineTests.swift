import Foundation
import PexMock
import XCTest

/// Scenario timelines on a hand-moved clock: each entry runs when due, in order, once; reset restarts.
final class MockTimelineTests: XCTestCase {
    func sampleScenario() throws -> MockScenario {
        let bytes = try [UInt8](Data(contentsOf: ScenarioParserTests.sample))
        guard case .success(let scenario) = ScenarioParser.parse(bytes) else {
            throw XCTSkip("sample scenario does not parse (ScenarioParserTests says why)")
        }
        return scenario
    }

    func testTimelineRunsAtItsTimes() throws {
        let mock = MockHarness(try sampleScenario())
        let host = mock.join()
        let stream = mock.subscribe(token: host.token)
        let start = stream.events.count
        func newNames() -> [String] { Array(stream.names[start...]) }

        mock.clock.advance(by: 4.9)
        mock.service.advance()
        XCTAssertEqual(newNames(), [], "nothing before 5s")
        mock.clock.advance(by: 0.1)
        mock.service.advance()
        XCTAssertEqual(newNames(), ["participant_create"])
        XCTAssertTrue(stream.events.last?.data.contains("Carol Guest") == true)
        mock.clock.advance(by: 5)
        mock.service.advance()
        XCTAssertEqual(newNames().suffix(3), ["message_received", "participant_update", "presentation_start"])
        mock.clock.advance(by: 100)
        mock.service.advance()
        let all = newNames()
        XCTAssertEqual(all.filter { $0 == "participant_delete" }.count, 1, "Carol leaves once: \(all)")
        XCTAssertEqual(all.last, "participant_delete")
        XCTAssertFalse(stream.isFinished)
        // Nobody refreshed the host's token (120 s): it lapses, the node says so on the stream and ends it.
        mock.clock.advance(by: 100)
        mock.service.advance()
        XCTAssertEqual(Array(newNames()[all.count...]), ["disconnect", "participant_delete"])
        XCTAssertTrue(stream.isFinished)
        XCTAssertNil(mock.service.snapshot.conferences[0].participants.first { $0.displayName == "Carol Guest" })
    }

    func testEntriesDueTogetherRunInFileOrderWhenTheClockJumps() throws {
        let mock = MockHarness(try sampleScenario())
        let host = mock.join()
        let stream = mock.subscribe(token: host.token)
        let start = stream.events.count
        mock.clock.advance(by: 46)
        mock.service.advance()
        let payloads = stream.events[start...].map(\.name)
        XCTAssertEqual(payloads.first, "participant_create")
        XCTAssertEqual(payloads.filter { $0 == "presentation_start" }.count, 1)
        XCTAssertEqual(payloads.filter { $0 == "stage" }.count, 1)
        let stage = stream.events.first { $0.name == "stage" }
        XCTAssertTrue(stage?.data.hasPrefix("[{\"participant_uuid\": \"\(mock.uuid(of: "Bob Builder"))\"") == true)
    }

    func testResetRestoresTheConferenceAndRestartsItsTimeline() throws {
        let mock = MockHarness(try sampleScenario())
        mock.clock.advance(by: 6)
        mock.service.advance()
        XCTAssertEqual(mock.service.snapshot.conferences[0].participants.count, 4)
        let host = mock.join()
        let stream = mock.subscribe(token: host.token)
        XCTAssertTrue(mock.service.reset(alias: "meet.alice"))
        XCTAssertTrue(stream.isFinished, "sessions end on reset")
        XCTAssertEqual(mock.service.snapshot.conferences[0].participants.count, 3)
        mock.clock.advance(by: 5)
        mock.service.advance()
        XCTAssertEqual(mock.service.snapshot.conferences[0].participants.count, 4, "timeline restarted")
        XCTAssertFalse(mock.service.reset(alias: "nope"))
    }

    func testNextDueTimeDrivesTheTimer() throws {
        var node = try sampleScenario().makeNode(now: 1000, makeID: MockIDs.counter())
        XCTAssertEqual(node.nextDueTime(), 1005)
        node.advance(to: 1005)
        XCTAssertEqual(node.nextDueTime(), 1008)
        node.advance(to: 2000)
        XCTAssertNil(node.nextDueTime())
    }

    func testControlActionsAndTheirErrors() {
        let mock = MockHarness()
        let host = mock.join()
        let stream = mock.subscribe(token: host.token)
        guard
            case .success(.string(let uuid)) = mock.service.perform(
                .join(displayName: "Eve", role: .guest, fields: [("is_muted", .string("YES"))]), alias: "meet")
        else { return XCTFail("join should return the uuid") }
        XCTAssertEqual(mock.service.snapshot.conferences[0].participants.last?.uuid, uuid)
        XCTAssertEqual(mock.service.snapshot.conferences[0].participants.last?.isMuted, true)
        let actions: [(MockAction, String)] = [
            (.raiseHand(participant: "eve"), "participant_update"),
            (.lowerHand(participant: uuid), "participant_update"),
            (.mute(participant: "Eve"), "participant_update"), (.unmute(participant: "Eve"), "participant_update"),
            (.startPresenting(participant: "Eve"), "presentation_start"),
            (.stopPresenting(participant: "Eve"), "presentation_stop"), (.lock, "conference_update"),
            (.unlock, "conference_update"), (.setRole(participant: "Eve", role: .chair), "participant_update"),
            (.speak(participant: "Eve"), "stage"), (.layout("9:0"), "layout"),
            (.update(participant: "Eve", fields: [("overlay_text", .string("Eve (QA)"))]), "participant_update"),
            (.chat(from: "Eve", text: "hi"), "message_received"),
            (.leave(participant: "Eve", reason: "bye"), "participant_delete"),
        ]
        for (action, event) in actions {
            guard case .success = mock.service.perform(action, alias: "meet") else {
                XCTFail("\(action.description) failed")
                continue
            }
            XCTAssertEqual(stream.names.last, event, action.description)
        }
        guard case .failure(let missing) = mock.service.perform(.mute(participant: "Zed"), alias: "meet") else {
            return XCTFail()
        }
        XCTAssertEqual(missing.status, 404)
        XCTAssertTrue(missing.message.contains("present: Alice Example"), missing.message)
        guard case .failure(let noRoom) = mock.service.perform(.lock, alias: "nope") else { return XCTFail() }
        XCTAssertEqual(noRoom.status, 404)
        guard
            case .failure(let badField) = mock.service.perform(
                .update(participant: "Alice Example", fields: [("is_muted", .int(1))]), alias: "meet")
        else { return XCTFail() }
        XCTAssertEqual(badField.status, 400)
    }
}
