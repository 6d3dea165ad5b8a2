/// Routes one API call to its handler after the checks every call shares: conference, method, token.
extension MockNode {
    /// Conference-level calls: name → (method, needs host).
    static let conferenceCalls: [String: (method: String, hostOnly: Bool)] = [
        "lock": ("POST", true), "unlock": ("POST", true), "muteguests": ("POST", true),
        "unmuteguests": ("POST", true), "message": ("POST", false), "transform_layout": ("POST", true),
        "dial": ("POST", true), "participants": ("GET", false), "conference_status": ("GET", false),
        "clearallbuzz": ("POST", true), "refresh_token": ("POST", false), "release_token": ("POST", false),
    ]

    /// Participant-level calls (`participants/<uuid>/<call>`); all POST. Guests may use the self-service ones
    /// on themselves.
    static let participantCalls: Set<String> = [
        "disconnect", "mute", "unmute", "spotlighton", "spotlightoff", "dtmf", "role", "transfer",
        "allowrxpresentation", "denyrxpresentation", "unlock", "buzz", "clearbuzz",
    ]
    static let selfServiceCalls: Set<String> = ["disconnect", "mute", "unmute", "buzz", "clearbuzz", "dtmf"]

    /// Answers one call; the events it causes are in `events`.
    public mutating func handle(_ call: MockCall, now: Double) -> MockReply {
        advance(to: now)
        guard let conference = conferenceIndex(alias: call.alias) else { return .unknownConference }
        guard let name = call.path.first else {
            return .failed(404, "name a call after the alias, e.g. …/conferences/\(call.alias)/request_token")
        }
        if name == "request_token" {
            guard call.path.count == 1 else { return unknownCall(call) }
            guard call.method == "POST" else { return methodNotAllowed("POST") }
            return requestToken(conference: conference, pin: call.pin, body: call.body, now: now)
        }
        if name == "participants" && call.path.count == 3 {
            return participantCall(call, conference: conference, now: now)
        }
        guard call.path.count == 1, let spec = Self.conferenceCalls[name] else { return unknownCall(call) }
        let allowed = spec.method == "GET" ? ["GET", "HEAD"] : ["POST"]
        guard allowed.contains(call.method) else { return methodNotAllowed(allowed.joined(separator: ", ")) }
        guard let session = session(token: call.token, now: now), session.conferenceIndex == conference else {
            return .invalidToken
        }
        if spec.hostOnly && role(of: session) != .chair { return .notHost }
        switch name {
        case "refresh_token": return refreshToken(session, now: now)
        case "release_token": return releaseToken(session)
        case "participants": return .success(.array(conferences[conference].participants.map(\.restObject)))
        case "conference_status": return .success(conferences[conference].statusObject)
        default: return conferenceControl(name, body: call.body, session: session, conference: conference, now: now)
        }
    }

    func role(of session: MockSession) -> MockRole? {
        let conference = conferences[session.conferenceIndex]
        return conference.index(of: session.participantUUID).map { conference.participants[$0].role }
    }

    private func unknownCall(_ call: MockCall) -> MockReply {
        .failed(
            404,
            "unknown API call '\(call.path.joined(separator: "/"))' (pexdev's mock knows the calls in /api/client/v2/openapi.json)"
        )
    }

    private func methodNotAllowed(_ allow: String) -> MockReply {
        var reply = MockReply.failed(405, "this call takes \(allow)")
        reply.headers = [("Allow", allow)]
        return reply
    }

    private mutating func participantCall(_ call: MockCall, conference: Int, now: Double) -> MockReply {
        let uuid = call.path[1]
        let name = call.path[2]
        guard Self.participantCalls.contains(name) else { return unknownCall(call) }
        guard call.method == "POST" else { return methodNotAllowed("POST") }
        guard let session = session(token: call.token, now: now), session.conferenceIndex == conference else {
            return .invalidToken
        }
        guard let index = conferences[conference].index(of: uuid) else { return .unknownParticipant(uuid) }
        let isSelf = uuid == session.participantUUID
        if role(of: session) != .chair && !(isSelf && Self.selfServiceCalls.contains(name)) { return .notHost }
        return participantControl(name, index: index, body: call.body, conference: conference, now: now)
    }
}
