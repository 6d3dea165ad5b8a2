/// Sets REST fields by name on a participant (scenario `participants` entries, `join`, `update`), with the
/// types the REST API uses; flags accept `"YES"`/`"NO"` or booleans.
public enum MockParticipantFields {
    public static let flags: [String: any WritableKeyPath<MockParticipant, Bool> & Sendable] = [
        "is_muted": \.isMuted, "is_presenting": \.isPresenting, "is_external": \.isExternal,
        "is_streaming_conference": \.isStreaming, "is_audio_only_call": \.isAudioOnly,
        "is_video_call": \.isVideoCall, "mute_supported": \.muteSupported,
        "disconnect_supported": \.disconnectSupported, "transfer_supported": \.transferSupported,
        "fecc_supported": \.feccSupported,
    ]
    public static let strings: [String: any WritableKeyPath<MockParticipant, String> & Sendable] = [
        "display_name": \.displayName, "uri": \.uri, "protocol": \.protocolName, "service_type": \.serviceType,
        "call_direction": \.callDirection, "local_alias": \.localAlias, "vendor": \.vendor,
        "overlay_text": \.overlayText,
    ]
    public static let numbers: [String: any WritableKeyPath<MockParticipant, Int> & Sendable] = [
        "start_time": \.startTime, "spotlight": \.spotlight, "buzz_time": \.buzzTime,
    ]
    /// Every field name a scenario may set (for "did you mean" hints).
    public static var names: [String] {
        (Array(flags.keys) + Array(strings.keys) + Array(numbers.keys) + ["role", "rx_presentation_policy"]).sorted()
    }

    /// String fields whose values the REST API restricts.
    static let allowedValues: [String: [String]] = [
        "call_direction": ["in", "out"],
        "service_type": ["conference", "lecture", "gateway", "test_call", "ivr", "waiting_room", "connecting"],
        "protocol": ["api", "webrtc", "sip", "h323", "rtmp", "mssip", "teams", "gms"],
    ]

    public static func apply(_ fields: [(String, MockJSON)], to participant: inout MockParticipant)
        throws(MockActionError)
    {
        for (name, value) in fields { try apply(name, value, to: &participant) }
    }

    static func apply(_ name: String, _ value: MockJSON, to participant: inout MockParticipant) throws(MockActionError)
    {
        if let path = flags[name] {
            switch value {
            case .bool(let flag): participant[keyPath: path] = flag
            case .string("YES"): participant[keyPath: path] = true
            case .string("NO"): participant[keyPath: path] = false
            default: throw wrongType(name, "\"YES\" or \"NO\"")
            }
        } else if let path = strings[name] {
            guard case .string(let text) = value else { throw wrongType(name, "a string") }
            if let allowed = allowedValues[name], !allowed.contains(text) {
                throw wrongType(name, "one of " + allowed.map { "\"\($0)\"" }.joined(separator: ", "))
            }
            participant[keyPath: path] = text
        } else if let path = numbers[name] {
            guard case .int(let number) = value, number >= 0 else { throw wrongType(name, "a whole number of seconds") }
            participant[keyPath: path] = number
        } else if name == "role" {
            guard case .string(let text) = value, let role = MockRole(anySpelling: text) else {
                throw wrongType(name, "\"chair\" or \"guest\"")
            }
            participant.role = role
        } else if name == "rx_presentation_policy" {
            guard case .string(let text) = value, text == "ALLOW" || text == "DENY" else {
                throw wrongType(name, "\"ALLOW\" or \"DENY\"")
            }
            participant.rxPresentationAllowed = text == "ALLOW"
        } else if name == "uuid" {
            guard case .string(let text) = value, !text.isEmpty else { throw wrongType(name, "a non-empty string") }
            participant.uuid = text
        } else {
            throw MockActionError(status: 400, message: "'\(name)' is not a participant field the mock knows")
        }
    }

    private static func wrongType(_ name: String, _ expected: String) -> MockActionError {
        MockActionError(status: 400, message: "'\(name)' must be \(expected)")
    }
}
