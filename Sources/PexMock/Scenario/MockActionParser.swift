public import PexBranding

/// Reads one action (`{"join": {...}}`, `{"chat": {"from": "Ann", "text": "hi"}}`, …) from JSON with
/// positions; shared by scenario timelines and `POST /__pexdev/mock/conferences/<alias>/events`.
public enum MockActionParser {
    /// Action names with the participant as their only argument (`{"mute": "Carol"}` or
    /// `{"mute": {"participant": "Carol"}}`).
    static let participantActions: [String: @Sendable (String) -> MockAction] = [
        "raise_hand": { .raiseHand(participant: $0) }, "lower_hand": { .lowerHand(participant: $0) },
        "mute": { .mute(participant: $0) }, "unmute": { .unmute(participant: $0) },
        "start_presenting": { .startPresenting(participant: $0) },
        "stop_presenting": { .stopPresenting(participant: $0) }, "speak": { .speak(participant: $0) },
    ]
    static let plainActions: [String: MockAction] = [
        "lock": .lock, "unlock": .unlock, "mute_guests": .muteGuests, "unmute_guests": .unmuteGuests,
    ]
    public static var names: [String] {
        (Array(participantActions.keys) + Array(plainActions.keys) + [
            "join", "leave", "chat", "role", "layout", "update",
        ])
        .sorted()
    }

    /// The action in `object`, ignoring the keys in `besides` (a timeline entry's `at`).
    public static func action(in object: JSONNode, besides: Set<String> = []) throws(ScenarioIssue) -> MockAction {
        guard let members = object.members else {
            throw ScenarioIssue(
                "an action must be an object such as {\"join\": {\"display_name\": \"Carol\"}}, not \(object.value.typeName)",
                at: object.range)
        }
        let actions = members.filter { !besides.contains($0.key) }
        guard let member = actions.first else {
            throw ScenarioIssue(
                "no action here", hint: "add one of: \(names.joined(separator: ", "))", at: object.range)
        }
        if actions.count > 1 {
            throw ScenarioIssue(
                "one action per entry; found '\(actions[0].key)' and '\(actions[1].key)'",
                hint: "split them into two entries", at: actions[1].keyRange)
        }
        return try action(named: member, value: member.value)
    }

    private static func action(named member: JSONMember, value: JSONNode) throws(ScenarioIssue) -> MockAction {
        let name = member.key
        if let make = participantActions[name] { return make(try participantReference(value, action: name)) }
        if let plain = plainActions[name] { return plain }
        switch name {
        case "join":
            let fields = try object(value, action: name)
            guard let display = fields["display_name"]?.value.stringValue, !display.isEmpty else {
                throw ScenarioIssue(
                    "join needs a display_name",
                    hint: "e.g. {\"join\": {\"display_name\": \"Carol\", \"role\": \"guest\"}}",
                    at: value.range)
            }
            var role = MockRole.guest
            var rest: [(String, MockJSON)] = []
            for field in fields.members ?? [] where field.key != "display_name" {
                if field.key == "role" {
                    role = try roleValue(field.value)
                } else {
                    try checkField(field)
                    rest.append((field.key, MockJSON(field.value)))
                }
            }
            return .join(displayName: display, role: role, fields: rest)
        case "leave":
            let who = try participantReference(value, action: name)
            let reason = value["reason"]?.value.stringValue ?? "Left the conference"
            return .leave(participant: who, reason: reason)
        case "chat":
            let fields = try object(value, action: name)
            guard let from = fields["from"]?.value.stringValue, let text = fields["text"]?.value.stringValue else {
                throw ScenarioIssue(
                    "chat needs 'from' and 'text' strings",
                    hint: "e.g. {\"chat\": {\"from\": \"Carol\", \"text\": \"hello\"}}",
                    at: value.range)
            }
            return .chat(from: from, text: text)
        case "role":
            let fields = try object(value, action: name)
            guard let roleNode = fields["role"]?.value else {
                throw ScenarioIssue("role needs a 'role' (\"chair\" or \"guest\")", at: value.range)
            }
            return .setRole(participant: try participantReference(value, action: name), role: try roleValue(roleNode))
        case "layout":
            let layout = value.stringValue ?? value["layout"]?.value.stringValue
            guard let layout, MockLayouts.all.contains(layout) else {
                throw ScenarioIssue(
                    "layout needs one of the Infinity layouts",
                    hint: MockLayouts.all.sorted().joined(separator: ", "), at: value.range)
            }
            return .layout(layout)
        case "update":
            let fields = try object(value, action: name)
            let who = try participantReference(value, action: name)
            var rest: [(String, MockJSON)] = []
            for field in fields.members ?? [] where field.key != "participant" {
                try checkField(field)
                rest.append((field.key, MockJSON(field.value)))
            }
            return .update(participant: who, fields: rest)
        default:
            let suggestion = KeySuggestion.closest(to: name, among: names)
            throw ScenarioIssue(
                "unknown action '\(name)'",
                hint: suggestion.map { "did you mean '\($0)'?" } ?? "actions: \(names.joined(separator: ", "))",
                at: member.keyRange)
        }
    }

    private static func object(_ value: JSONNode, action: String) throws(ScenarioIssue) -> JSONNode {
        guard value.members != nil else {
            throw ScenarioIssue("\(action) takes an object, not \(value.value.typeName)", at: value.range)
        }
        return value
    }

    private static func participantReference(_ value: JSONNode, action: String) throws(ScenarioIssue) -> String {
        if let name = value.stringValue, !name.isEmpty { return name }
        if let name = value["participant"]?.value.stringValue, !name.isEmpty { return name }
        throw ScenarioIssue(
            "\(action) needs the participant (display name or uuid)",
            hint: "e.g. {\"\(action)\": \"Carol\"} or {\"\(action)\": {\"participant\": \"Carol\"}}", at: value.range)
    }

    static func roleValue(_ node: JSONNode) throws(ScenarioIssue) -> MockRole {
        guard let text = node.stringValue, let role = MockRole(anySpelling: text) else {
            throw ScenarioIssue("role must be \"chair\" or \"guest\"", at: node.range)
        }
        return role
    }

    /// A REST field a participant may be given, with a type the REST API would use.
    static func checkField(_ field: JSONMember) throws(ScenarioIssue) {
        var probe = MockParticipant(uuid: "probe", displayName: "probe", role: .guest, startTime: 0)
        do throws(MockActionError) {
            try MockParticipantFields.apply(field.key, MockJSON(field.value), to: &probe)
        } catch {
            let known = MockParticipantFields.names
            let suggestion = KeySuggestion.closest(to: field.key, among: known)
            let unknown = !known.contains(field.key) && field.key != "uuid"
            throw ScenarioIssue(
                error.message, hint: unknown ? suggestion.map { "did you mean '\($0)'?" } : nil,
                at: unknown ? field.keyRange : field.value.range)
        }
    }
}
