/// What the mock answers one API call with: an HTTP status and the `{"status", "result"}` body.
/// Every text a client might match on lives here, so it is easy to correct against a real node.
public struct MockReply: Sendable, Equatable, Error {
    public var status: Int
    public var body: MockJSON
    /// Extra headers (e.g. `Allow` on 405).
    public var headers: [(String, String)] = []

    public init(status: Int, body: MockJSON, headers: [(String, String)] = []) {
        self.status = status
        self.body = body
        self.headers = headers
    }

    public static func == (a: MockReply, b: MockReply) -> Bool { a.status == b.status && a.body == b.body }

    public static func success(_ result: MockJSON) -> MockReply {
        MockReply(status: 200, body: .object([("status", .string("success")), ("result", result)]))
    }

    public static func failed(_ status: Int, _ message: String) -> MockReply {
        MockReply(status: status, body: .object([("status", .string("failed")), ("result", .string(message))]))
    }

    /// Expired, released or unknown token. Yes, "success": clients match on the text.
    public static let invalidToken = MockReply(
        status: 403, body: .object([("status", .string("success")), ("result", .string("Invalid token"))]))
    public static let invalidPIN = failed(403, "Invalid PIN")
    public static let unknownConference = failed(404, "Neither conference nor gateway found")
    public static let notHost = failed(403, "Only hosts (chairs) may do this; this token belongs to a guest")
    public static let chatDisabled = failed(403, "Chat is disabled in this conference")

    public static func pinRequired(_ challenge: MockJSON) -> MockReply {
        MockReply(status: 403, body: .object([("status", .string("success")), ("result", challenge)]))
    }

    public static func badRequest(_ message: String) -> MockReply { failed(400, message) }

    public static func unknownParticipant(_ uuid: String) -> MockReply {
        failed(404, "No participant with uuid '\(uuid)' in this conference")
    }

    public var result: MockJSON? { body["result"] }
}
