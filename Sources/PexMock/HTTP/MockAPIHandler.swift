public import PexHTTP

/// The mock node's HTTP face: `/api/client/v2/conferences/<alias>/<call>` and the `events` stream, plus
/// the OpenAPI document at `/api/client/v2/openapi.json`. Mounted by `serve` and by `pexdev mock`.
public struct MockAPIHandler: HTTPHandler {
    public static let mount = "/api/client/v2/"
    let service: MockService

    public init(service: MockService) {
        self.service = service
    }

    public func handle(_ request: HTTPRequest, responder: HTTPResponder) {
        let segments: [String]
        do {
            segments = try RequestPath.segments(Substring(request.path))
        } catch {
            responder.send(Self.response(.failed(error.status.code, error.message)))
            return
        }
        // ["api", "client", "v2", rest...]
        let rest = Array(segments.dropFirst(3))
        if rest == ["openapi.json"] {
            guard request.method == "GET" || request.method == "HEAD" else {
                var reply = MockReply.failed(405, "the OpenAPI document is read-only (GET)")
                reply.headers = [("Allow", "GET, HEAD")]
                responder.send(Self.response(reply))
                return
            }
            var response = HTTPResponse(body: Array(OpenAPIDocument.text.utf8))
            response.headers.add("Content-Type", "application/json; charset=utf-8")
            responder.send(response)
            return
        }
        guard rest.count >= 3, rest[0] == "conferences" else {
            responder.send(
                Self.response(
                    .failed(
                        404,
                        "the client API lives at /api/client/v2/conferences/<alias>/<call>; see /api/client/v2/openapi.json"
                    )))
            return
        }
        let alias = rest[1]
        let path = Array(rest.dropFirst(2))
        if path == ["events"] {
            openEvents(request, alias: alias, responder: responder)
            return
        }
        let call = MockCall(
            method: request.method, alias: alias, path: path, token: request.headers["token"],
            pin: request.headers["pin"], body: request.body)
        responder.send(Self.response(service.handle(call)))
    }

    private func openEvents(_ request: HTTPRequest, alias: String, responder: HTTPResponder) {
        guard request.method == "GET" || request.method == "HEAD" else {
            var reply = MockReply.failed(405, "events is a GET (text/event-stream)")
            reply.headers = [("Allow", "GET, HEAD")]
            responder.send(Self.response(reply))
            return
        }
        let token = QueryParameters(request.query)["token"] ?? request.headers["token"]
        if let refusal = service.refusal(alias: alias, token: token) {
            responder.send(Self.response(refusal))
            return
        }
        let id = service.reserveSubscriberID()
        let stream = responder.startStream(ServerSentEvent.responseHead) { [service] in service.close(subscriber: id) }
        // The sync block in `open` carries the whole state, so nothing that happened since the check is lost;
        // a token that lapsed in between just ends the stream.
        if service.open(id: id, alias: alias, token: token, sink: stream) != nil { stream.finish() }
    }

    /// A reply as an HTTP response: JSON body, the reply's status.
    static func response(_ reply: MockReply) -> HTTPResponse {
        var response = HTTPResponse(status: HTTPStatus(reply.status, reason(reply.status)), body: reply.body.bytes)
        response.headers.add("Content-Type", "application/json")
        response.headers.add("Cache-Control", "no-store")
        for (name, value) in reply.headers { response.headers.add(name, value) }
        return response
    }

    static func reason(_ code: Int) -> String {
        switch code {
        case 200: return "OK"
        case 201: return "Created"
        case 400: return "Bad Request"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 413: return "Content Too Large"
        default: return "Error"
        }
    }
}
