import PexBranding
public import PexHTTP

/// `/__pexdev/mock/…`: drive the mock from tests, demos and the shell's role switch.
/// `GET conferences[/<alias>]` shows the state; `POST conferences/<alias>/participants` adds someone,
/// `…/events` runs one action (the scenario timeline's format), `…/reset` restarts the conference.
/// State changes are POST-only and same-origin (security.md item 3).
public struct MockControlHandler: HTTPHandler {
    public static let mount = "/__pexdev/mock/"
    let service: MockService

    public init(service: MockService) {
        self.service = service
    }

    public func handle(_ request: HTTPRequest, responder: HTTPResponder) {
        responder.send(respond(to: request))
    }

    func respond(to request: HTTPRequest) -> HTTPResponse {
        if let refusal = OriginPolicy.refusal(for: request) { return refusal.response }
        let segments: [String]
        do {
            segments = Array(try RequestPath.segments(Substring(request.path)).dropFirst(2))
        } catch {
            return error.response
        }
        guard segments.first == "conferences" else { return usage(404) }
        if segments.count <= 2 {
            guard request.method == "GET" || request.method == "HEAD" else {
                return HTTPError(.methodNotAllowed, "this is a read-only listing", headers: [("Allow", "GET, HEAD")])
                    .response
            }
            return listing(alias: segments.count == 2 ? segments[1] : nil)
        }
        guard segments.count == 3 else { return usage(404) }
        guard request.method == "POST" else {
            return HTTPError(
                .methodNotAllowed, "mock control changes state, so it takes POST", headers: [("Allow", "POST")]
            )
            .response
        }
        let alias = segments[1]
        switch segments[2] {
        case "reset":
            return service.reset(alias: alias) ? json(200, .object([("reset", .string(alias))])) : unknown(alias)
        case "participants":
            return run(alias: alias, body: request.body, created: true)
        case "events":
            return run(alias: alias, body: request.body, created: false)
        default:
            return usage(404)
        }
    }

    /// `join` and `events` bodies; a participants body is the participant itself
    /// (`{"display_name": "Carol", "role": "guest", …REST fields}`), read as `{"join": body}`.
    private func run(alias: String, body: [UInt8], created: Bool) -> HTTPResponse {
        let action: MockAction
        do {
            let root = try JSONReader.read(body.isEmpty ? Array("{}".utf8) : body).root
            let entry =
                created
                ? JSONNode(
                    value: .object([JSONMember(key: "join", keyRange: root.range, value: root)]), range: root.range)
                : root
            do throws(ScenarioIssue) {
                action = try MockActionParser.action(in: entry)
            } catch {
                return json(400, .object([("error", .string(error.oneLine))]))
            }
        } catch {
            return json(400, .object([("error", .string("malformed JSON body: \(error.message)"))]))
        }
        switch service.perform(action, alias: alias) {
        case .success(let result):
            if created { return json(201, .object([("uuid", result)])) }
            return json(200, .object([("done", .string(action.description))]))
        case .failure(let error):
            return json(error.status, .object([("error", .string(error.message))]))
        }
    }

    private func listing(alias: String?) -> HTTPResponse {
        let node = service.snapshot
        var conferences = node.conferences
        if let alias {
            guard let index = node.conferenceIndex(alias: alias) else { return unknown(alias) }
            conferences = [conferences[index]]
        }
        let list = MockJSON.array(
            conferences.map { conference in
                .object([
                    ("aliases", .array(conference.aliases.map(MockJSON.string))),
                    ("name", .string(conference.name)),
                    ("status", conference.statusObject),
                    ("layout", .string(conference.layout)),
                    ("participants", .array(conference.participants.map(\.restObject))),
                ])
            })
        return json(200, alias == nil ? .object([("conferences", list)]) : (list.firstElement ?? .null))
    }

    private func unknown(_ alias: String) -> HTTPResponse {
        json(404, .object([("error", .string("no conference with alias '\(alias)'"))]))
    }

    private func usage(_ status: Int) -> HTTPResponse {
        json(
            status,
            .object([
                (
                    "error",
                    .string(
                        "mock control: GET conferences[/<alias>], POST conferences/<alias>/participants | events | reset"
                    )
                )
            ]))
    }

    private func json(_ status: Int, _ body: MockJSON) -> HTTPResponse {
        var response = HTTPResponse(
            status: HTTPStatus(status, MockAPIHandler.reason(status)), body: body.bytes + [0x0A])
        response.headers.add("Content-Type", "application/json")
        response.headers.add("Cache-Control", "no-store")
        return response
    }
}

extension MockJSON {
    var firstElement: MockJSON? {
        if case .array(let elements) = self { return elements.first }
        return nil
    }
}
