import Foundation
import PexMock

/// A clock tests move by hand: timelines and token expiry without sleeping.
final class ManualClock: MockClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Double

    init(_ start: Double = 1_800_000_000) { current = start }

    func now() -> Double { lock.withLock { current } }

    func advance(by seconds: Double) { lock.withLock { current += seconds } }
}

/// Collects what a subscriber would receive, parsed back into events.
final class RecordingSink: MockEventSink, @unchecked Sendable {
    private let lock = NSLock()
    private var bytes: [UInt8] = []
    private var finished = false

    var isOpen: Bool { lock.withLock { !finished } }
    func send(_ bytes: [UInt8]) { lock.withLock { self.bytes += bytes } }
    func finish() { lock.withLock { finished = true } }

    var isFinished: Bool { lock.withLock { finished } }

    /// (event name, data text) in arrival order; keep-alive comments skipped.
    var events: [(name: String, data: String)] {
        let text = lock.withLock { String(decoding: bytes, as: UTF8.self) }
        return text.components(separatedBy: "\n\n").compactMap { block in
            var name: String?
            var data: [String] = []
            for line in block.split(separator: "\n") {
                if line.hasPrefix("event: ") { name = String(line.dropFirst(7)) }
                if line.hasPrefix("data: ") { data.append(String(line.dropFirst(6))) }
            }
            return name.map { ($0, data.joined(separator: "\n")) }
        }
    }

    var names: [String] { events.map(\.name) }
}

/// A node on a hand-moved clock with deterministic ids, and shortcuts for calls.
struct MockHarness {
    let clock = ManualClock()
    let service: MockService

    init(_ scenario: MockScenario = .standard) {
        service = MockService(
            node: scenario.makeNode(now: clock.now(), makeID: MockIDs.counter()), clock: clock, automatic: false)
    }

    func call(
        _ path: String, method: String = "POST", alias: String = "meet", token: String? = nil, pin: String? = nil,
        body: String = ""
    ) -> MockReply {
        let reply = service.handle(
            MockCall(
                method: method, alias: alias, path: path.split(separator: "/").map(String.init), token: token, pin: pin,
                body: Array(body.utf8)))
        // Every reply a test sees must also be what the OpenAPI document promises.
        OpenAPIValidator.shared.assertConforms(
            reply, method: method, path: "/api/client/v2/conferences/\(alias)/\(path)")
        return reply
    }

    /// Joins and returns (token, participant uuid).
    func join(_ name: String = "Dev", alias: String = "meet", pin: String? = nil) -> (token: String, uuid: String) {
        let reply = call("request_token", alias: alias, pin: pin, body: "{\"display_name\": \"\(name)\"}")
        guard case .string(let token)? = reply.result?["token"],
            case .string(let uuid)? = reply.result?["participant_uuid"]
        else { return ("", "") }
        return (token, uuid)
    }

    func subscribe(token: String, alias: String = "meet") -> RecordingSink {
        let sink = RecordingSink()
        let id = service.reserveSubscriberID()
        _ = service.open(id: id, alias: alias, token: token, sink: sink)
        return sink
    }

    func uuid(of name: String) -> String {
        service.snapshot.conferences[0].participants.first { $0.displayName == name }?.uuid ?? "missing \(name)"
    }
}
