/// Why an action could not run: the control endpoint answers it as a 400/404, a scenario logs it.
public struct MockActionError: Error, Sendable, Equatable {
    public var status: Int
    public var message: String
}

/// Scripted happenings (`MockAction`): the same state changes API calls make, without a token.
extension MockNode {
    /// Runs an action now; returns a result for the control endpoint (the new uuid for `join`).
    @discardableResult
    public mutating func perform(_ action: MockAction, in conference: Int, now: Double) throws(MockActionError)
        -> MockJSON
    {
        switch action {
        case .join(let displayName, let role, let fields):
            var participant = MockParticipant(uuid: makeID(), displayName: displayName, role: role, startTime: Int(now))
            try MockParticipantFields.apply(fields, to: &participant)
            if conferences[conference].guestsMuted && role == .guest { participant.isMuted = true }
            addParticipant(participant, to: conference)
            return .string(participant.uuid)
        case .leave(let who, let reason):
            let index = try participant(who, in: conference)
            removeParticipant(conferences[conference].participants[index].uuid, in: conference, reason: reason)
        case .chat(let from, let text):
            let sender = conferences[conference].index(referringTo: from).map {
                conferences[conference].participants[$0]
            }
            emit(
                conference, "message_received",
                .object([
                    ("origin", .string(sender?.displayName ?? from)), ("uuid", .string(sender?.uuid ?? "")),
                    ("type", .string("text/plain")), ("payload", .string(text)), ("direct", .bool(false)),
                ]), except: sender?.uuid)
        case .raiseHand(let who):
            updateParticipant(at: try participant(who, in: conference), in: conference) {
                $0.buzzTime = max(Int(now), 1)
            }
        case .lowerHand(let who):
            updateParticipant(at: try participant(who, in: conference), in: conference) { $0.buzzTime = 0 }
        case .mute(let who):
            updateParticipant(at: try participant(who, in: conference), in: conference) { $0.isMuted = true }
        case .unmute(let who):
            updateParticipant(at: try participant(who, in: conference), in: conference) { $0.isMuted = false }
        case .startPresenting(let who):
            try startPresenting(who, in: conference)
        case .stopPresenting(let who):
            let index = try participant(who, in: conference)
            guard conferences[conference].participants[index].isPresenting else { break }
            updateParticipant(at: index, in: conference) { $0.isPresenting = false }
            emit(conference, "presentation_stop", .object([]))
        case .lock, .unlock:
            setLocked(action == .lock, in: conference)
        case .muteGuests, .unmuteGuests:
            setGuestsMuted(action == .muteGuests, in: conference)
        case .setRole(let who, let role):
            updateParticipant(at: try participant(who, in: conference), in: conference) { $0.role = role }
        case .speak(let who):
            let index = try participant(who, in: conference)
            let others = conferences[conference].participants.indices.filter { $0 != index }.prefix(7)
            let stage = ([index] + others).enumerated().map { position, participantIndex in
                MockJSON.object([
                    ("participant_uuid", .string(conferences[conference].participants[participantIndex].uuid)),
                    ("stage_index", .int(position)), ("vad", .int(position == 0 ? 100 : 0)),
                ])
            }
            emit(conference, "stage", .array(stage))
        case .layout(let layout):
            guard MockLayouts.all.contains(layout) else {
                throw MockActionError(status: 400, message: "unknown layout '\(layout)'")
            }
            conferences[conference].layout = layout
            emit(conference, "layout", conferences[conference].layoutObject)
        case .update(let who, let fields):
            let index = try participant(who, in: conference)
            var changed = conferences[conference].participants[index]
            try MockParticipantFields.apply(fields, to: &changed)
            updateParticipant(at: index, in: conference) { $0 = changed }
        case .answer(let uuid):
            guard let index = conferences[conference].index(of: uuid) else { break }
            updateParticipant(at: index, in: conference) {
                if $0.serviceType == "connecting" { $0.serviceType = "conference" }
            }
        }
        return .bool(true)
    }

    private func participant(_ reference: String, in conference: Int) throws(MockActionError) -> Int {
        guard let index = conferences[conference].index(referringTo: reference) else {
            let names = conferences[conference].participants.map(\.displayName).joined(separator: ", ")
            throw MockActionError(
                status: 404,
                message:
                    "no participant '\(reference)' in \(conferences[conference].primaryAlias) (present: \(names.isEmpty ? "nobody" : names))"
            )
        }
        return index
    }

    private mutating func startPresenting(_ who: String, in conference: Int) throws(MockActionError) {
        let index = try participant(who, in: conference)
        // One presenter at a time: a new presentation takes over, as on a real node.
        for other in conferences[conference].participants.indices where other != index {
            updateParticipant(at: other, in: conference, onlyIfChanged: true) { $0.isPresenting = false }
        }
        updateParticipant(at: index, in: conference) { $0.isPresenting = true }
        let presenter = conferences[conference].participants[index]
        emit(
            conference, "presentation_start",
            .object([("presenter_name", .string(presenter.displayName)), ("presenter_uri", .string(presenter.uri))]))
    }

    private mutating func setLocked(_ locked: Bool, in conference: Int) {
        conferences[conference].locked = locked
        emitConferenceUpdate(conference)
        guard !locked else { return }
        // Unlocking lets everyone waiting in.
        for index in conferences[conference].participants.indices {
            updateParticipant(at: index, in: conference, onlyIfChanged: true) {
                if $0.serviceType == "waiting_room" { $0.serviceType = "conference" }
            }
        }
    }

    private mutating func setGuestsMuted(_ muted: Bool, in conference: Int) {
        conferences[conference].guestsMuted = muted
        emitConferenceUpdate(conference)
        for index in conferences[conference].participants.indices
        where conferences[conference].participants[index].role == .guest {
            updateParticipant(at: index, in: conference, onlyIfChanged: true) { $0.isMuted = muted }
        }
    }
}
