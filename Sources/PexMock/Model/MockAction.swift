/// Something that happens in a conference without an API call: scenario timeline entries, the dev control
/// endpoint (`POST /__pexdev/mock/conferences/<alias>/events`), and the node's own follow-ups (a dialled
/// participant answering). Participants are named by uuid or display name.
public enum MockAction: Sendable, Equatable {
    /// A new participant; `fields` are REST fields to override (`{"is_muted": "YES", …}`).
    case join(displayName: String, role: MockRole, fields: [(String, MockJSON)])
    case leave(participant: String, reason: String)
    case chat(from: String, text: String)
    case raiseHand(participant: String)
    case lowerHand(participant: String)
    case mute(participant: String)
    case unmute(participant: String)
    case startPresenting(participant: String)
    case stopPresenting(participant: String)
    case lock
    case unlock
    case muteGuests
    case unmuteGuests
    case setRole(participant: String, role: MockRole)
    case speak(participant: String)
    case layout(String)
    case update(participant: String, fields: [(String, MockJSON)])
    /// A dialled participant moving from `connecting` to `conference` (scheduled by `dial`).
    case answer(uuid: String)

    public static func == (a: MockAction, b: MockAction) -> Bool { a.description == b.description }

    /// The action's name as scenario files and the control endpoint spell it.
    public var name: String {
        switch self {
        case .join: return "join"
        case .leave: return "leave"
        case .chat: return "chat"
        case .raiseHand: return "raise_hand"
        case .lowerHand: return "lower_hand"
        case .mute: return "mute"
        case .unmute: return "unmute"
        case .startPresenting: return "start_presenting"
        case .stopPresenting: return "stop_presenting"
        case .lock: return "lock"
        case .unlock: return "unlock"
        case .muteGuests: return "mute_guests"
        case .unmuteGuests: return "unmute_guests"
        case .setRole: return "role"
        case .speak: return "speak"
        case .layout: return "layout"
        case .update: return "update"
        case .answer: return "answer"
        }
    }

    /// One line for logs and equality.
    public var description: String {
        switch self {
        case .join(let name, let role, let fields):
            return "join \(name) as \(role.rawValue)" + (fields.isEmpty ? "" : " \(MockJSON.object(fields).text)")
        case .leave(let who, let reason): return "leave \(who) (\(reason))"
        case .chat(let from, let text): return "chat from \(from): \(text)"
        case .raiseHand(let who), .lowerHand(let who), .mute(let who), .unmute(let who),
            .startPresenting(let who), .stopPresenting(let who), .speak(let who):
            return "\(name) \(who)"
        case .lock, .unlock, .muteGuests, .unmuteGuests: return name
        case .setRole(let who, let role): return "role \(who) \(role.rawValue)"
        case .layout(let layout): return "layout \(layout)"
        case .update(let who, let fields): return "update \(who) \(MockJSON.object(fields).text)"
        case .answer(let uuid): return "answer \(uuid)"
        }
    }
}
