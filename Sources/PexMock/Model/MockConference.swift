/// One virtual meeting room with its settings and live state.
public struct MockConference: Sendable, Equatable {
    /// The first alias is the conference's name in logs and the control API; all of them reach it.
    public var aliases: [String]
    public var name: String
    /// Empty: no PINs, everyone joins as host (Infinity's rule).
    public var hostPIN = ""
    /// Empty with guests allowed: guests join with `pin: none`.
    public var guestPIN = ""
    public var allowGuests = true
    public var chatEnabled = true
    /// `conference`, `lecture`, `gateway`, `test_call`, `ivr`.
    public var serviceType = "conference"
    public var locked = false
    public var guestsMuted = false
    public var started = true
    public var layout = MockLayouts.defaultLayout
    /// In join order, as the node lists them.
    public var participants: [MockParticipant] = []
    /// The scripted timeline, relative to the conference's start (or last reset).
    public var timeline: [MockTimedAction] = []

    public init(aliases: [String], name: String? = nil) {
        self.aliases = aliases
        self.name = name ?? aliases.first ?? "meet"
    }

    public var primaryAlias: String { aliases.first ?? name }

    public func index(of uuid: String) -> Int? { participants.firstIndex { $0.uuid == uuid } }

    /// A participant by uuid, or else by display name (case-insensitive) — scripts and curl users name
    /// participants, the API uses uuids.
    public func index(referringTo reference: String) -> Int? {
        index(of: reference) ?? participants.firstIndex { $0.displayName.lowercased() == reference.lowercased() }
    }

    /// The PIN question a `request_token` without a PIN gets, or nil when no PIN is needed.
    var pinChallenge: MockJSON? {
        guard !hostPIN.isEmpty else { return nil }
        let guestNeedsPIN = !allowGuests || !guestPIN.isEmpty
        return .object([("pin", .string("required")), ("guest_pin", .string(guestNeedsPIN ? "required" : "none"))])
    }

    var statusObject: MockJSON {
        .object([
            ("started", .bool(started)),
            ("locked", .bool(locked)),
            ("guests_muted", .bool(guestsMuted)),
            ("presentation_allowed", .bool(true)),
            ("direct_media", .bool(false)),
            ("live_captions_available", .bool(false)),
            ("service_type", .string(serviceType)),
        ])
    }

    var layoutObject: MockJSON {
        .object([
            ("view", .string(layout)),
            (
                "participants",
                .array(participants.filter { $0.serviceType == "conference" }.prefix(8).map { .string($0.uuid) })
            ),
        ])
    }
}

/// The layouts `transform_layout` accepts (Infinity's documented set); anything else is a 400.
public enum MockLayouts {
    public static let defaultLayout = "1:7"
    public static let all: Set<String> = [
        "1:0", "1:7", "1:21", "2:21", "1:33", "4:0", "9:0", "16:0", "25:0", "5:7", "ac", "ac_presentation_in_mix",
        "ac_presentation_in_mix_group", "teams",
    ]
}
