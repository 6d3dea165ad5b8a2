import Dispatch
import PexMock
import XCTest

/// Delivery: every subscriber gets every change, in order, exactly once — also under concurrent callers.
final class MockServiceTests: XCTestCase {
    func testFiftySubscribersGetEveryChangeInOrder() {
        let mock = MockHarness()
        let host = mock.join()
        let sinks = (0..<50).map { _ in mock.subscribe(token: host.token) }
        let carol = mock.uuid(of: "Carol Guest")
        // Four threads hammer the node at once; the lock serialises them, so the streams must agree.
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            for round in 0..<25 {
                let path =
                    (round + worker).isMultiple(of: 2) ? "participants/\(carol)/mute" : "participants/\(carol)/unmute"
                _ = mock.call(path, token: host.token)
            }
        }
        let reference = sinks[0].events
        XCTAssertEqual(reference.filter { $0.name == "participant_update" }.count, 100)
        for sink in sinks.dropFirst() {
            XCTAssertEqual(sink.events.map(\.data), reference.map(\.data))
        }
        // The final state every client would show is the node's state.
        let last = reference.last { $0.name == "participant_update" }?.data ?? ""
        let muted = mock.service.snapshot.conferences[0].participants.first { $0.uuid == carol }?.isMuted == true
        XCTAssertTrue(last.contains(muted ? #""is_muted": "YES""# : #""is_muted": "NO""#))
    }

    func testClosedSubscribersAreForgotten() {
        let mock = MockHarness()
        let host = mock.join()
        let id = mock.service.reserveSubscriberID()
        XCTAssertNil(mock.service.open(id: id, alias: "meet", token: host.token, sink: RecordingSink()))
        XCTAssertEqual(mock.service.streamCount, 1)
        mock.service.close(subscriber: id)
        XCTAssertEqual(mock.service.streamCount, 0)
        let closed = RecordingSink()
        closed.finish()
        XCTAssertNil(
            mock.service.open(id: mock.service.reserveSubscriberID(), alias: "meet", token: host.token, sink: closed))
        XCTAssertEqual(mock.service.streamCount, 0, "a sink that closed before opening is not kept")
        XCTAssertEqual(mock.service.open(id: 99, alias: "meet", token: "bad", sink: RecordingSink()), .invalidToken)
        XCTAssertEqual(
            mock.service.open(id: 99, alias: "x", token: host.token, sink: RecordingSink()), .unknownConference)
    }

    func testSyncBlockDescribesTheWholeConference() {
        let mock = MockHarness()
        let host = mock.join()
        let names = mock.subscribe(token: host.token).names
        XCTAssertEqual(names.first, "participant_sync_begin")
        XCTAssertEqual(names.filter { $0 == "participant_create" }.count, 6)
        XCTAssertEqual(Array(names.suffix(3)), ["participant_sync_end", "conference_update", "layout"])
    }
}
