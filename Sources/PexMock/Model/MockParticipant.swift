/// One participant as the node knows it. `restObject` is the REST/event shape (snake_case, flags as
/// "YES"/"NO" strings — infinity-client-api.md "Participant object").
public struct MockParticipant: Sendable, Equatable {
    public var uuid: String
    public var displayName: String
    public var uri: String
    public var role: MockRole
    public var protocolName = "webrtc"
    public var startTime: Int
    /// `conference`, `waiting_room` (locked out until admitted), `connecting` (being dialled), …
    public var serviceType = "conference"
    public var callDirection = "in"
    public var isMuted = false
    public var isPresenting = false
    public var isExternal = false
    public var isStreaming = false
    public var isAudioOnly = false
    public var isVideoCall = true
    public var muteSupported = true
    public var disconnectSupported = true
    public var transferSupported = true
    public var feccSupported = false
    public var rxPresentationAllowed = true
    /// Unix seconds when spotlit; 0 when not.
    public var spotlight = 0
    /// Unix seconds when the hand went up; 0 when down.
    public var buzzTime = 0
    public var localAlias = ""
    public var vendor = "pexdev mock"
    public var overlayText = ""

    public init(uuid: String, displayName: String, role: MockRole, startTime: Int) {
        self.uuid = uuid
        self.displayName = displayName
        self.uri = Self.uri(for: displayName)
        self.role = role
        self.startTime = startTime
        self.overlayText = displayName
    }

    /// A plausible SIP-style URI for a display name ("Alice Smith" → "alice.smith@example.com").
    static func uri(for displayName: String) -> String {
        let local = displayName.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(
            separator: ".")
        return (local.isEmpty ? "guest" : local) + "@example.com"
    }

    public var restObject: MockJSON {
        .object([
            ("uuid", .string(uuid)),
            ("display_name", .string(displayName)),
            ("uri", .string(uri)),
            ("role", .string(role.rawValue)),
            ("protocol", .string(protocolName)),
            ("start_time", .int(startTime)),
            ("service_type", .string(serviceType)),
            ("call_direction", .string(callDirection)),
            ("is_muted", flag(isMuted)),
            ("is_presenting", flag(isPresenting)),
            ("is_external", flag(isExternal)),
            ("is_streaming_conference", flag(isStreaming)),
            ("is_audio_only_call", flag(isAudioOnly)),
            ("is_video_call", flag(isVideoCall)),
            ("mute_supported", flag(muteSupported)),
            ("disconnect_supported", flag(disconnectSupported)),
            ("transfer_supported", flag(transferSupported)),
            ("fecc_supported", flag(feccSupported)),
            ("rx_presentation_policy", .string(rxPresentationAllowed ? "ALLOW" : "DENY")),
            ("spotlight", .int(spotlight)),
            ("buzz_time", .int(buzzTime)),
            ("local_alias", .string(localAlias)),
            ("vendor", .string(vendor)),
            ("overlay_text", .string(overlayText)),
        ])
    }

    private func flag(_ value: Bool) -> MockJSON { .string(value ? "YES" : "NO") }
}

/// A participant's role as participant objects spell it (tokens say HOST/GUEST).
public enum MockRole: String, Sendable, Equatable, CaseIterable {
    case chair, guest

    /// The `role` of a `request_token` result.
    public var tokenRole: String { self == .chair ? "HOST" : "GUEST" }

    /// Accepts both spellings: `chair`/`guest` and `HOST`/`GUEST` (case-insensitive).
    public init?(anySpelling text: String) {
        switch text.lowercased() {
        case "chair", "host": self = .chair
        case "guest": self = .guest
        default: return nil
        }
    }
}
