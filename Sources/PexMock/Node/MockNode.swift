import PexSockets

/// The in-memory Conferencing Node: conferences, tokens and the events every change produces.
/// A plain value with no clock, thread or socket: every mutation takes `now` (unix seconds), and what it
/// emits accumulates in `events` for the caller to deliver (`MockService` does that under its lock).
public struct MockNode: Sendable {
    public internal(set) var conferences: [MockConference]
    /// The conferences as configured, for `reset`.
    private let initial: [MockConference]
    var sessions: [String: MockSession] = [:]
    /// Seconds a token lives; `refresh_token` gives another span.
    public var tokenLifetime: Double = 120
    /// Seconds a dialled participant spends `connecting` before it answers.
    public var dialAnswerDelay: Double = 2
    /// Where each conference's timeline starts and how far it has run.
    private var timelineStart: [Double]
    private var timelineNext: [Int]
    /// The node's own follow-ups (a dialled participant answering), by due time.
    private var followUps: [(at: Double, conference: Int, action: MockAction)] = []
    /// Events produced since the last `takeEvents()`, in order.
    public private(set) var events: [MockEvent] = []
    /// Participants whose sessions ended (released, disconnected, expired): their streams should close.
    public private(set) var endedParticipants: [String] = []
    var makeID: @Sendable () -> String

    public init(conferences: [MockConference], now: Double, makeID: @escaping @Sendable () -> String = MockIDs.random) {
        self.conferences = conferences
        self.initial = conferences
        self.makeID = makeID
        timelineStart = Array(repeating: now, count: conferences.count)
        timelineNext = Array(repeating: 0, count: conferences.count)
        for index in conferences.indices {
            self.conferences[index].timeline.sort { $0.at < $1.at }
        }
    }

    /// Events and ended participants since the last call, handed over for delivery.
    public mutating func takeEvents() -> (events: [MockEvent], ended: [String]) {
        defer {
            events.removeAll(keepingCapacity: true)
            endedParticipants.removeAll()
        }
        return (events, endedParticipants)
    }

    /// The conference an alias reaches (case-insensitive, as Infinity's alias matching is).
    public func conferenceIndex(alias: String) -> Int? {
        let wanted = alias.lowercased()
        return conferences.firstIndex { $0.aliases.contains { $0.lowercased() == wanted } }
    }

    /// The live session for a token, or nil if unknown, released or expired.
    public func session(token: String?, now: Double) -> MockSession? {
        guard let token, let session = sessions[token], now < session.expiresAt else { return nil }
        guard conferences[session.conferenceIndex].index(of: session.participantUUID) != nil else { return nil }
        return session
    }

    // MARK: time

    /// Runs every timeline entry and follow-up due by `now`, in time order.
    public mutating func advance(to now: Double) {
        while let (conference, action) = nextDue(by: now) {
            _ = try? perform(action, in: conference, now: now)
        }
        expireSessions(now: now)
    }

    /// When something is next due (for the service's timer), or nil if nothing is scheduled.
    public func nextDueTime() -> Double? {
        var best = followUps.map(\.at).min()
        for index in conferences.indices where timelineNext[index] < conferences[index].timeline.count {
            let at = timelineStart[index] + conferences[index].timeline[timelineNext[index]].at
            best = min(best ?? at, at)
        }
        let expiry = sessions.values.map(\.expiresAt).min()
        if let expiry { best = min(best ?? expiry, expiry) }
        return best
    }

    private mutating func nextDue(by now: Double) -> (Int, MockAction)? {
        var choice: (at: Double, conference: Int, followUp: Int?)?
        for index in conferences.indices where timelineNext[index] < conferences[index].timeline.count {
            let at = timelineStart[index] + conferences[index].timeline[timelineNext[index]].at
            guard at <= now else { continue }
            if let current = choice, current.at <= at { continue }
            choice = (at, index, nil)
        }
        for (position, followUp) in followUps.enumerated() where followUp.at <= now {
            if let current = choice, current.at <= followUp.at { continue }
            choice = (followUp.at, followUp.conference, position)
        }
        guard let choice else { return nil }
        if let position = choice.followUp {
            return (choice.conference, followUps.remove(at: position).action)
        }
        let action = conferences[choice.conference].timeline[timelineNext[choice.conference]].action
        timelineNext[choice.conference] += 1
        return (choice.conference, action)
    }

    mutating func schedule(_ action: MockAction, in conference: Int, at time: Double) {
        followUps.append((time, conference, action))
    }

    private mutating func expireSessions(now: Double) {
        for (token, session) in sessions where session.expiresAt <= now {
            sessions[token] = nil
            // A token that lapses takes its participant with it, as on a real node after the refresh window.
            if !sessions.values.contains(where: { $0.participantUUID == session.participantUUID }) {
                removeParticipant(session.participantUUID, in: session.conferenceIndex, reason: "Token expired")
            }
        }
    }

    // MARK: reset

    /// Puts a conference back as configured: participants, settings, timeline from `now`. Open sessions in
    /// it end (their streams close), as if the node had restarted the conference.
    public mutating func reset(conference index: Int, now: Double) {
        for participant in conferences[index].participants {
            endedParticipants.append(participant.uuid)
        }
        for (token, session) in sessions where session.conferenceIndex == index { sessions[token] = nil }
        followUps.removeAll { $0.conference == index }
        conferences[index] = initial[index]
        conferences[index].timeline.sort { $0.at < $1.at }
        timelineStart[index] = now
        timelineNext[index] = 0
        emit(index, "participant_sync_begin", .object([]))
        for participant in conferences[index].participants {
            emit(index, "participant_create", participant.restObject)
        }
        emit(index, "participant_sync_end", .object([]))
        emit(index, "conference_update", conferences[index].statusObject)
    }

    // MARK: shared steps

    mutating func emit(_ conference: Int, _ name: String, _ data: MockJSON, except: String? = nil, only: String? = nil)
    {
        events.append(MockEvent(conferenceIndex: conference, name: name, data: data, except: except, only: only))
    }

    mutating func addParticipant(_ participant: MockParticipant, to conference: Int) {
        conferences[conference].participants.append(participant)
        emit(conference, "participant_create", participant.restObject)
    }

    /// Applies `change` to one participant and emits one `participant_update` — always for a call on that
    /// participant (every call is reflected once), only on a real change for sweeps over everyone.
    mutating func updateParticipant(
        at index: Int, in conference: Int, onlyIfChanged: Bool = false, _ change: (inout MockParticipant) -> Void
    ) {
        var participant = conferences[conference].participants[index]
        change(&participant)
        if onlyIfChanged && participant == conferences[conference].participants[index] { return }
        conferences[conference].participants[index] = participant
        emit(conference, "participant_update", participant.restObject)
    }

    mutating func removeParticipant(_ uuid: String, in conference: Int, reason: String) {
        guard let index = conferences[conference].index(of: uuid) else { return }
        let participant = conferences[conference].participants.remove(at: index)
        emit(conference, "disconnect", .object([("reason", .string(reason))]), only: uuid)
        emit(conference, "participant_delete", .object([("uuid", .string(uuid))]))
        if participant.isPresenting { emit(conference, "presentation_stop", .object([])) }
        for (token, session) in sessions where session.participantUUID == uuid { sessions[token] = nil }
        endedParticipants.append(uuid)
    }

    mutating func emitConferenceUpdate(_ conference: Int) {
        emit(conference, "conference_update", conferences[conference].statusObject)
    }
}

/// Identifier sources: random v4 UUIDs in production, a counter in tests.
public enum MockIDs {
    @Sendable public static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }
        return [hex[0..<4], hex[4..<6], hex[6..<8], hex[8..<10], hex[10..<16]].map { $0.joined() }.joined(
            separator: "-")
    }

    /// Deterministic ids for tests: `00000000-0000-4000-8000-000000000001`, `…2`, …
    public static func counter() -> @Sendable () -> String {
        let state = Counter()
        return {
            let value = state.next()
            let digits = String(value)
            return "00000000-0000-4000-8000-" + String(repeating: "0", count: max(0, 12 - digits.count)) + digits
        }
    }
}

/// A thread-safe counter for `MockIDs.counter`.
private final class Counter: @unchecked Sendable {
    private let lock = Lock()
    private var value = 0
    func next() -> Int {
        lock.withLock {
            value += 1
            return value
        }
    }
}
