import PexBranding

/// Participant control calls (infinity-client-api.md "Participant control").
extension MockNode {
    mutating func participantControl(
        _ name: String, index: Int, body: [UInt8], conference: Int, now: Double
    ) -> MockReply {
        let request: JSONNode
        switch MockRequestBody.object(body) {
        case .success(let node): request = node
        case .failure(let reply): return reply
        }
        let uuid = conferences[conference].participants[index].uuid
        switch name {
        case "disconnect":
            removeParticipant(uuid, in: conference, reason: "Disconnected by a host")
        case "mute", "unmute":
            updateParticipant(at: index, in: conference) { $0.isMuted = name == "mute" }
        case "spotlighton":
            updateParticipant(at: index, in: conference) { $0.spotlight = max(Int(now), 1) }
        case "spotlightoff":
            updateParticipant(at: index, in: conference) { $0.spotlight = 0 }
        case "buzz":
            updateParticipant(at: index, in: conference) { $0.buzzTime = max(Int(now), 1) }
        case "clearbuzz":
            updateParticipant(at: index, in: conference) { $0.buzzTime = 0 }
        case "allowrxpresentation", "denyrxpresentation":
            updateParticipant(at: index, in: conference) { $0.rxPresentationAllowed = name == "allowrxpresentation" }
        case "unlock":
            updateParticipant(at: index, in: conference) {
                if $0.serviceType == "waiting_room" { $0.serviceType = "conference" }
            }
        case "dtmf":
            guard let digits = request["digits"]?.value.value.stringValue, !digits.isEmpty,
                digits.allSatisfy({ "0123456789*#ABCDabcd".contains($0) })
            else {
                return .badRequest("dtmf needs digits made of 0-9, *, # and A-D, e.g. {\"digits\": \"1234#\"}")
            }
        case "role":
            guard let text = request["role"]?.value.value.stringValue, let role = MockRole(anySpelling: text) else {
                return .badRequest("role needs {\"role\": \"chair\"} or {\"role\": \"guest\"}")
            }
            updateParticipant(at: index, in: conference) { $0.role = role }
        case "transfer":
            return transfer(request, uuid: uuid, conference: conference, now: now)
        default:
            return .failed(404, "unknown participant call '\(name)'")
        }
        return .success(.bool(true))
    }

    private mutating func transfer(_ request: JSONNode, uuid: String, conference: Int, now: Double) -> MockReply {
        guard let alias = request["conference_alias"]?.value.value.stringValue, !alias.isEmpty else {
            return .badRequest("transfer needs {\"conference_alias\": \"other\", \"role\": \"guest\"}")
        }
        guard let target = conferenceIndex(alias: alias) else {
            return .badRequest("transfer target '\(alias)' is not a conference on this node")
        }
        var role = MockRole.guest
        if let node = request["role"]?.value {
            guard let text = node.value.stringValue, let parsed = MockRole(anySpelling: text) else {
                return .badRequest("role must be \"chair\" or \"guest\"")
            }
            role = parsed
        }
        guard let index = conferences[conference].index(of: uuid) else { return .unknownParticipant(uuid) }
        if target == conference {
            updateParticipant(at: index, in: conference) { $0.role = role }
            return .success(.bool(true))
        }
        var moved = conferences[conference].participants[index]
        removeParticipant(uuid, in: conference, reason: "Transferred to \(alias)")
        moved.role = role
        moved.startTime = Int(now)
        addParticipant(moved, to: target)
        return .success(.bool(true))
    }
}
