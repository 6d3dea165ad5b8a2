import PexBranding

/// `request_token`, `refresh_token`, `release_token` (infinity-client-api.md "Session").
extension MockNode {
    mutating func requestToken(conference index: Int, pin: String?, body: [UInt8], now: Double) -> MockReply {
        let request: JSONNode
        switch MockRequestBody.object(body) {
        case .success(let node): request = node
        case .failure(let reply): return reply
        }
        guard let nameNode = request["display_name"] else {
            return .badRequest("request_token needs a display_name, e.g. {\"display_name\": \"Alice\"}")
        }
        guard let displayName = nameNode.value.stringValue?.trimmingWhitespace, !displayName.isEmpty else {
            return .badRequest("display_name must be a non-empty string")
        }
        guard displayName.count <= 250 else { return .badRequest("display_name is longer than 250 characters") }
        let conference = conferences[index]
        let role: MockRole
        switch admission(conference, pin: pin) {
        case .success(let admitted): role = admitted
        case .failure(let reply): return reply
        }
        var participant = MockParticipant(uuid: makeID(), displayName: displayName, role: role, startTime: Int(now))
        participant.protocolName = "api"
        if conference.locked && role == .guest { participant.serviceType = "waiting_room" }
        if conference.guestsMuted && role == .guest { participant.isMuted = true }
        addParticipant(participant, to: index)
        let session = MockSession(
            token: makeToken(), conferenceIndex: index, participantUUID: participant.uuid,
            expiresAt: now + tokenLifetime)
        sessions[session.token] = session
        return .success(
            .object([
                ("token", .string(session.token)),
                ("expires", .string(String(Int(tokenLifetime)))),
                ("participant_uuid", .string(participant.uuid)),
                ("display_name", .string(displayName)),
                ("role", .string(role.tokenRole)),
                (
                    "service_type",
                    .string(participant.serviceType == "waiting_room" ? "waiting_room" : conference.serviceType)
                ),
                ("current_service_type", .string(conference.serviceType)),
                ("chat_enabled", .bool(conference.chatEnabled)),
                ("conference_name", .string(conference.name)),
                ("version", .object([("version_id", .string("pexdev-mock")), ("pseudo_version", .string("0"))])),
            ]))
    }

    /// Infinity's PIN rules: no host PIN → everyone is host; otherwise the PIN picks the role, `none` (or no
    /// guest PIN) admits guests when they are allowed.
    private func admission(_ conference: MockConference, pin: String?) -> Result<MockRole, MockReply> {
        guard let challenge = conference.pinChallenge else { return .success(.chair) }
        guard let pin = pin?.trimmingWhitespace, !pin.isEmpty else { return .failure(.pinRequired(challenge)) }
        if pin == conference.hostPIN { return .success(.chair) }
        if conference.allowGuests {
            if conference.guestPIN.isEmpty && pin.lowercased() == "none" { return .success(.guest) }
            if !conference.guestPIN.isEmpty && pin == conference.guestPIN { return .success(.guest) }
        }
        return .failure(.invalidPIN)
    }

    mutating func refreshToken(_ session: MockSession, now: Double) -> MockReply {
        sessions[session.token] = nil
        var renewed = session
        renewed.token = makeToken()
        renewed.expiresAt = now + tokenLifetime
        sessions[renewed.token] = renewed
        return .success(
            .object([("token", .string(renewed.token)), ("expires", .string(String(Int(tokenLifetime))))]))
    }

    mutating func releaseToken(_ session: MockSession) -> MockReply {
        sessions[session.token] = nil
        removeParticipant(session.participantUUID, in: session.conferenceIndex, reason: "Token released")
        return .success(.bool(true))
    }

    /// Opaque, URL-safe, long enough not to be guessed.
    private func makeToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        return String((0..<48).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }
}

extension String {
    var trimmingWhitespace: String {
        var view = Substring(self)
        while let first = view.first, first.isWhitespace { view.removeFirst() }
        while let last = view.last, last.isWhitespace { view.removeLast() }
        return String(view)
    }
}
