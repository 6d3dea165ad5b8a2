import PexBranding

/// The node's configuration: conferences with their people and timelines (a scenario file, or the default).
public struct MockScenario: Sendable {
    public var conferences: [MockConference]
    public var tokenLifetime: Double = 120

    public init(conferences: [MockConference], tokenLifetime: Double = 120) {
        self.conferences = conferences
        self.tokenLifetime = tokenLifetime
    }

    /// The node this scenario starts, at `now`.
    public func makeNode(now: Double, makeID: @escaping @Sendable () -> String = MockIDs.random) -> MockNode {
        var conferences = self.conferences
        // Scenario participants get ids and join times now, so the roster looks like a meeting in progress.
        for c in conferences.indices {
            for p in conferences[c].participants.indices {
                if conferences[c].participants[p].uuid.isEmpty { conferences[c].participants[p].uuid = makeID() }
                if conferences[c].participants[p].startTime == 0 {
                    conferences[c].participants[p].startTime = Int(now) - 60 * (conferences[c].participants.count - p)
                }
            }
        }
        var node = MockNode(conferences: conferences, now: now, makeID: makeID)
        node.tokenLifetime = tokenLifetime
        return node
    }

    /// `meet` (also `meet.alice`): no PIN, so everyone joins as host; a few realistic people, one of them a
    /// guest, one on the phone, one streaming (the participant kinds plugins most often special-case).
    public static var standard: MockScenario {
        var meet = MockConference(aliases: ["meet", "meet.alice"], name: "Alice's meeting room")
        meet.participants = [
            person("Alice Example", .chair) { $0.localAlias = "meet.alice" },
            person("Bob Builder", .chair) { $0.isMuted = true },
            person("Carol Guest", .guest) { $0.buzzTime = 0 },
            person("Dave (phone)", .guest) {
                $0.protocolName = "sip"
                $0.isVideoCall = false
                $0.isAudioOnly = true
                $0.uri = "sip:+15550100@example.com"
            },
            person("Recorder", .guest) {
                $0.protocolName = "rtmp"
                $0.callDirection = "out"
                $0.isStreaming = true
                $0.muteSupported = false
                $0.transferSupported = false
                $0.uri = "rtmp://recorder.example.com/live"
            },
        ]
        return MockScenario(conferences: [meet])
    }

    private static func person(_ name: String, _ role: MockRole, _ tweak: (inout MockParticipant) -> Void)
        -> MockParticipant
    {
        var participant = MockParticipant(uuid: "", displayName: name, role: role, startTime: 0)
        tweak(&participant)
        return participant
    }
}
