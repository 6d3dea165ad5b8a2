import PexBranding

/// Conference control calls (infinity-client-api.md "Conference control").
extension MockNode {
    static let dialProtocols: Set<String> = ["auto", "sip", "h323", "rtmp", "mssip"]

    mutating func conferenceControl(
        _ name: String, body: [UInt8], session: MockSession, conference: Int, now: Double
    ) -> MockReply {
        let request: JSONNode
        switch MockRequestBody.object(body) {
        case .success(let node): request = node
        case .failure(let reply): return reply
        }
        switch name {
        case "lock", "unlock":
            _ = try? perform(name == "lock" ? .lock : .unlock, in: conference, now: now)
            return .success(.bool(true))
        case "muteguests", "unmuteguests":
            _ = try? perform(name == "muteguests" ? .muteGuests : .unmuteGuests, in: conference, now: now)
            return .success(.bool(true))
        case "clearallbuzz":
            for index in conferences[conference].participants.indices {
                updateParticipant(at: index, in: conference, onlyIfChanged: true) { $0.buzzTime = 0 }
            }
            return .success(.bool(true))
        case "message": return message(request, session: session, conference: conference)
        case "transform_layout": return transformLayout(request, conference: conference)
        case "dial": return dial(request, conference: conference, now: now)
        default: return .failed(404, "unknown API call '\(name)'")
        }
    }

    private mutating func message(_ request: JSONNode, session: MockSession, conference: Int) -> MockReply {
        guard conferences[conference].chatEnabled else { return .chatDisabled }
        guard let payload = request["payload"]?.value.value.stringValue else {
            return .badRequest("message needs a string payload, e.g. {\"type\": \"text/plain\", \"payload\": \"hi\"}")
        }
        var type = "text/plain"
        if let node = request["type"]?.value {
            guard let text = node.value.stringValue else {
                return .badRequest("type must be a string such as \"text/plain\"")
            }
            type = text
        }
        guard payload.utf8.count <= 64 * 1024 else { return .badRequest("message payload is longer than 64 KiB") }
        let sender = conferences[conference].index(of: session.participantUUID).map {
            conferences[conference].participants[$0]
        }
        emit(
            conference, "message_received",
            .object([
                ("origin", .string(sender?.displayName ?? "")), ("uuid", .string(session.participantUUID)),
                ("type", .string(type)), ("payload", .string(payload)), ("direct", .bool(false)),
            ]), except: session.participantUUID)
        return .success(.bool(true))
    }

    private mutating func transformLayout(_ request: JSONNode, conference: Int) -> MockReply {
        guard let transforms = request["transforms"]?.value, case .object(let members) = transforms.value else {
            return .badRequest(
                "transform_layout needs an object 'transforms', e.g. {\"transforms\": {\"layout\": \"4:0\"}}")
        }
        // An empty `transforms` resets to the default layout; otherwise only the keys given change anything.
        var layout = members.isEmpty ? MockLayouts.defaultLayout : conferences[conference].layout
        for member in members
        where member.key == "layout" || member.key == "host_layout" || member.key == "guest_layout" {
            guard let value = member.value.value.stringValue else {
                return .badRequest("transforms.\(member.key) must be a string such as \"4:0\"")
            }
            guard MockLayouts.all.contains(value) else {
                return .badRequest(
                    "Invalid layout '\(value)'; valid layouts: \(MockLayouts.all.sorted().joined(separator: ", "))")
            }
            if member.key == "layout" || member.key == "host_layout" { layout = value }
        }
        // An empty `transforms` resets to the conference's default layout.
        _ = try? perform(.layout(layout), in: conference, now: 0)
        return .success(.bool(true))
    }

    private mutating func dial(_ request: JSONNode, conference: Int, now: Double) -> MockReply {
        guard let destination = request["destination"]?.value.value.stringValue?.trimmingWhitespace,
            !destination.isEmpty
        else {
            return .badRequest(
                "dial needs a destination, e.g. {\"destination\": \"bob@example.com\", \"protocol\": \"sip\"}")
        }
        var protocolName = "auto"
        if let node = request["protocol"]?.value {
            guard let text = node.value.stringValue else { return .badRequest("protocol must be a string") }
            protocolName = text
        }
        guard Self.dialProtocols.contains(protocolName) else {
            return .badRequest("protocol must be one of \(Self.dialProtocols.sorted().joined(separator: ", "))")
        }
        var role = MockRole.guest
        if let roleNode = request["role"]?.value {
            guard let text = roleNode.value.stringValue, let parsed = MockRole(anySpelling: text) else {
                return .badRequest("role must be \"HOST\" or \"GUEST\"")
            }
            role = parsed
        }
        var streaming = false
        if let node = request["streaming"]?.value {
            guard case .bool(let value) = node.value else { return .badRequest("streaming must be true or false") }
            streaming = value
        }
        let displayName = destination.split(separator: "@").first.map(String.init) ?? destination
        var participant = MockParticipant(uuid: makeID(), displayName: displayName, role: role, startTime: Int(now))
        participant.uri = destination
        participant.protocolName = protocolName == "auto" ? "sip" : protocolName
        participant.callDirection = "out"
        participant.serviceType = "connecting"
        participant.isStreaming = streaming
        if streaming {
            participant.isVideoCall = true
            participant.muteSupported = false
            participant.transferSupported = false
        }
        addParticipant(participant, to: conference)
        schedule(.answer(uuid: participant.uuid), in: conference, at: now + dialAnswerDelay)
        return .success(.array([.string(participant.uuid)]))
    }
}
