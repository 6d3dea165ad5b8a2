import Foundation
import PexMock
import XCTest

/// Drives a `MockService` call by call on a hand-moved clock, checks every reply against the OpenAPI
/// document, and remembers which statuses each documented operation produced (for the coverage check).
final class OpenAPIConformanceRun {
    let clock = ManualClock()
    let service: MockService
    let validator: OpenAPIValidator
    /// "POST /conferences/{alias}/lock" → the statuses seen for it.
    private(set) var seen: [String: Set<Int>] = [:]

    init(_ scenario: MockScenario, validator: OpenAPIValidator = .shared) {
        self.validator = validator
        service = MockService(
            node: scenario.makeNode(now: clock.now(), makeID: MockIDs.counter()), clock: clock, automatic: false)
    }

    /// The full request path of a call, as a client would send it.
    static func requestPath(alias: String, _ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove("/")
        let encoded = alias.addingPercentEncoding(withAllowedCharacters: allowed) ?? alias
        return "/api/client/v2/conferences/\(encoded)/\(path)"
    }

    /// A POST call (most of the API).
    @discardableResult
    func call(
        _ path: String, alias: String = "meet", token: String? = nil, pin: String? = nil, body: String = "",
        expect status: Int, file: StaticString = #filePath, line: UInt = #line
    ) -> MockReply {
        call("POST", path, alias: alias, token: token, pin: pin, body: body, expect: status, file: file, line: line)
    }

    /// One call through `MockService.handle`: asserts the expected status and the reply's conformance.
    @discardableResult
    func call(
        _ method: String, _ path: String, alias: String = "meet", token: String? = nil, pin: String? = nil,
        body: String = "", expect status: Int, file: StaticString = #filePath, line: UInt = #line
    ) -> MockReply {
        let reply = service.handle(
            MockCall(
                method: method, alias: alias, path: path.split(separator: "/").map(String.init), token: token,
                pin: pin, body: Array(body.utf8)))
        let requestPath = Self.requestPath(alias: alias, path)
        XCTAssertEqual(reply.status, status, "\(method) \(requestPath): \(reply.body.text)", file: file, line: line)
        check(method: method, path: requestPath, status: reply.status, body: reply.body.bytes, file: file, line: line)
        return reply
    }

    /// What `GET events` answers before streaming: the refusal, or 200 (`text/event-stream`) when it would open.
    func events(
        alias: String = "meet", token: String?, expect status: Int, file: StaticString = #filePath, line: UInt = #line
    ) {
        let path = Self.requestPath(alias: alias, "events") + "?token=\(token ?? "")"
        if let refusal = service.refusal(alias: alias, token: token) {
            XCTAssertEqual(refusal.status, status, "GET \(path): \(refusal.body.text)", file: file, line: line)
            check(method: "GET", path: path, status: refusal.status, body: refusal.body.bytes, file: file, line: line)
        } else {
            XCTAssertEqual(200, status, "GET \(path) would open a stream", file: file, line: line)
            check(
                method: "GET", path: path, status: 200, body: [], contentType: "text/event-stream", file: file,
                line: line)
        }
    }

    /// Joins and returns (token, participant uuid); empty strings if the join failed (the call asserted why).
    func join(
        _ name: String, alias: String = "meet", pin: String? = nil, file: StaticString = #filePath, line: UInt = #line
    ) -> (token: String, uuid: String) {
        let reply = call(
            "request_token", alias: alias, pin: pin, body: #"{"display_name": "\#(name)"}"#, expect: 200, file: file,
            line: line)
        guard case .string(let token)? = reply.result?["token"],
            case .string(let uuid)? = reply.result?["participant_uuid"]
        else { return ("", "") }
        return (token, uuid)
    }

    /// A participant's uuid by display name, in the conference an alias reaches.
    func uuid(of name: String, alias: String = "meet") -> String {
        let node = service.snapshot
        guard let index = node.conferenceIndex(alias: alias) else { return "no conference \(alias)" }
        return node.conferences[index].participants.first { $0.displayName == name }?.uuid ?? "missing \(name)"
    }

    /// Opens an event stream into a recorder (the caller checks the token is good).
    func subscribe(alias: String = "meet", token: String) -> RecordingSink {
        let sink = RecordingSink()
        service.open(id: service.reserveSubscriberID(), alias: alias, token: token, sink: sink)
        return sink
    }

    private func check(
        method: String, path: String, status: Int, body: [UInt8], contentType: String? = nil, file: StaticString,
        line: UInt
    ) {
        validator.assertConforms(
            method: method, path: path, status: status, body: body, contentType: contentType, file: file, line: line)
        if let relative = validator.relativePath(path), let (template, operations) = validator.pathItem(for: relative),
            operations[method.lowercased()] != nil
        {
            seen["\(method.uppercased()) \(template.template)", default: []].insert(status)
        }
    }
}
