public import PexBranding

/// Reads a scenario file (documented in the README and `sample-branding/mock-scenario.json`), reporting
/// every mistake with its position like `pexdev check` does.
public enum ScenarioParser {
    static let topKeys = ["conferences", "token_expires"]
    static let conferenceKeys = [
        "alias", "aliases", "name", "host_pin", "guest_pin", "allow_guests", "locked", "chat", "service_type",
        "layout", "guests_muted", "participants", "timeline",
    ]
    static let serviceTypes = ["conference", "lecture", "gateway", "test_call", "ivr"]

    /// The scenario, or every problem found (not just the first).
    public static func parse(_ bytes: [UInt8]) -> Result<MockScenario, ScenarioIssues> {
        let document: JSONDocument
        do {
            document = try JSONReader.read(bytes)
        } catch {
            return .failure(ScenarioIssues(issues: [ScenarioIssue(error.message, hint: error.hint, at: error.range)]))
        }
        var issues: [ScenarioIssue] = []
        let scenario = read(document.root, issues: &issues)
        return issues.isEmpty ? .success(scenario) : .failure(ScenarioIssues(issues: issues))
    }

    private static func read(_ root: JSONNode, issues: inout [ScenarioIssue]) -> MockScenario {
        var scenario = MockScenario(conferences: [])
        guard let members = root.members else {
            issues.append(ScenarioIssue("a scenario is a JSON object with a \"conferences\" array", at: root.range))
            return scenario
        }
        unknownKeys(members, known: topKeys, issues: &issues)
        if let expires = root["token_expires"] {
            if let seconds = duration(expires.value), seconds >= 10 {
                scenario.tokenLifetime = seconds
            } else {
                issues.append(
                    ScenarioIssue(
                        "token_expires must be at least 10 seconds, e.g. 120 or \"2m\"", at: expires.value.range))
            }
        }
        guard let list = root["conferences"] else {
            issues.append(
                ScenarioIssue(
                    "no \"conferences\" array", hint: "see sample-branding/mock-scenario.json", at: root.range))
            return scenario
        }
        guard let entries = list.value.elements, !entries.isEmpty else {
            issues.append(ScenarioIssue("\"conferences\" must be a non-empty array", at: list.value.range))
            return scenario
        }
        var seen: [String: SourceRange] = [:]
        for entry in entries {
            guard let conference = readConference(entry, issues: &issues) else { continue }
            for alias in conference.aliases {
                if seen[alias.lowercased()] != nil {
                    issues.append(ScenarioIssue("alias '\(alias)' is used by two conferences", at: entry.range))
                }
                seen[alias.lowercased()] = entry.range
            }
            scenario.conferences.append(conference)
        }
        return scenario
    }

    private static func readConference(_ node: JSONNode, issues: inout [ScenarioIssue]) -> MockConference? {
        guard let members = node.members else {
            issues.append(ScenarioIssue("each conference is an object with at least an \"alias\"", at: node.range))
            return nil
        }
        unknownKeys(members, known: conferenceKeys, issues: &issues)
        guard let alias = node["alias"]?.value.stringValue, !alias.isEmpty else {
            issues.append(
                ScenarioIssue("this conference has no \"alias\" (the name in the URL, e.g. \"meet\")", at: node.range))
            return nil
        }
        var aliases = [alias]
        if let extra = node["aliases"] {
            if let list = extra.value.elements, list.allSatisfy({ $0.stringValue?.isEmpty == false }) {
                aliases += list.compactMap(\.stringValue)
            } else {
                issues.append(ScenarioIssue("\"aliases\" must be an array of non-empty strings", at: extra.value.range))
            }
        }
        var conference = MockConference(aliases: aliases, name: node["name"]?.value.stringValue)
        conference.hostPIN = string(node, "host_pin", issues: &issues) ?? ""
        conference.guestPIN = string(node, "guest_pin", issues: &issues) ?? ""
        conference.allowGuests = bool(node, "allow_guests", issues: &issues) ?? true
        conference.locked = bool(node, "locked", issues: &issues) ?? false
        conference.chatEnabled = bool(node, "chat", issues: &issues) ?? true
        conference.guestsMuted = bool(node, "guests_muted", issues: &issues) ?? false
        for pin in [("host_pin", conference.hostPIN), ("guest_pin", conference.guestPIN)] where !pin.1.isEmpty {
            if !pin.1.allSatisfy(\.isNumber) || pin.1.count < 4 || pin.1.count > 20, let member = node[pin.0] {
                issues.append(
                    ScenarioIssue("\(pin.0) must be 4 to 20 digits, as Infinity requires", at: member.value.range))
            }
        }
        if conference.hostPIN.isEmpty && !conference.guestPIN.isEmpty, let member = node["guest_pin"] {
            issues.append(
                ScenarioIssue(
                    "a guest_pin without a host_pin has no effect: with no host PIN everyone joins as host",
                    hint: "set host_pin too", at: member.value.range))
        }
        if let type = string(node, "service_type", issues: &issues) {
            if serviceTypes.contains(type) {
                conference.serviceType = type
            } else if let member = node["service_type"] {
                issues.append(
                    ScenarioIssue(
                        "unknown service_type '\(type)'", hint: serviceTypes.joined(separator: ", "),
                        at: member.value.range))
            }
        }
        if let member = node["layout"] {
            if let layout = member.value.stringValue, MockLayouts.all.contains(layout) {
                conference.layout = layout
            } else {
                issues.append(
                    ScenarioIssue(
                        "layout must be one of \(MockLayouts.all.sorted().joined(separator: ", "))",
                        at: member.value.range))
            }
        }
        if let list = node["participants"] {
            if let entries = list.value.elements {
                for entry in entries {
                    if let participant = readParticipant(entry, issues: &issues) {
                        conference.participants.append(participant)
                    }
                }
            } else {
                issues.append(ScenarioIssue("\"participants\" must be an array", at: list.value.range))
            }
        }
        if let list = node["timeline"] {
            if let entries = list.value.elements {
                for entry in entries {
                    if let timed = readTimed(entry, issues: &issues) { conference.timeline.append(timed) }
                }
            } else {
                issues.append(ScenarioIssue("\"timeline\" must be an array", at: list.value.range))
            }
        }
        return conference
    }

    private static func readParticipant(_ node: JSONNode, issues: inout [ScenarioIssue]) -> MockParticipant? {
        guard let members = node.members, let name = node["display_name"]?.value.stringValue, !name.isEmpty else {
            issues.append(
                ScenarioIssue(
                    "each participant is an object with a display_name",
                    hint: "e.g. {\"display_name\": \"Carol\", \"role\": \"guest\"}", at: node.range))
            return nil
        }
        var participant = MockParticipant(uuid: "", displayName: name, role: .guest, startTime: 0)
        for member in members where member.key != "display_name" {
            do throws(ScenarioIssue) {
                if member.key == "role" {
                    participant.role = try MockActionParser.roleValue(member.value)
                } else {
                    try MockActionParser.checkField(member)
                    try? MockParticipantFields.apply(member.key, MockJSON(member.value), to: &participant)
                }
            } catch {
                issues.append(error)
            }
        }
        return participant
    }

    private static func readTimed(_ node: JSONNode, issues: inout [ScenarioIssue]) -> MockTimedAction? {
        guard let at = node["at"] else {
            issues.append(
                ScenarioIssue("each timeline entry needs \"at\" (e.g. \"5s\", \"1m30s\", \"500ms\")", at: node.range))
            return nil
        }
        guard let seconds = duration(at.value) else {
            issues.append(
                ScenarioIssue(
                    "\"at\" must be a time such as \"5s\", \"1m30s\", \"500ms\" or a number of seconds",
                    at: at.value.range))
            return nil
        }
        do throws(ScenarioIssue) {
            return MockTimedAction(at: seconds, action: try MockActionParser.action(in: node, besides: ["at"]))
        } catch {
            issues.append(error)
            return nil
        }
    }

    /// "5s", "500ms", "1m30s", "2m", "1h" or a plain number of seconds; nil if malformed or negative.
    public static func duration(_ node: JSONNode) -> Double? {
        if case .number(let text) = node.value, let seconds = Double(text), seconds >= 0 { return seconds }
        guard let text = node.stringValue?.trimmingWhitespace, !text.isEmpty else { return nil }
        var total = 0.0
        var digits = ""
        var rest = Substring(text)
        while let character = rest.first {
            if character.isNumber || character == "." {
                digits.append(character)
                rest.removeFirst()
                continue
            }
            guard let value = Double(digits) else { return nil }
            digits = ""
            if rest.hasPrefix("ms") {
                total += value / 1000
                rest.removeFirst(2)
            } else if let unit = ["h": 3600.0, "m": 60, "s": 1][String(character)] {
                total += value * unit
                rest.removeFirst()
            } else {
                return nil
            }
        }
        if !digits.isEmpty {
            guard let value = Double(digits) else { return nil }
            total += value
        }
        return total
    }

    private static func unknownKeys(_ members: [JSONMember], known: [String], issues: inout [ScenarioIssue]) {
        for member in members where !known.contains(member.key) {
            let suggestion = KeySuggestion.closest(to: member.key, among: known)
            issues.append(
                ScenarioIssue(
                    "unknown key '\(member.key)'",
                    hint: suggestion.map { "did you mean '\($0)'?" } ?? "known keys: \(known.joined(separator: ", "))",
                    at: member.keyRange))
        }
    }

    private static func string(_ node: JSONNode, _ key: String, issues: inout [ScenarioIssue]) -> String? {
        guard let member = node[key] else { return nil }
        guard let text = member.value.stringValue else {
            issues.append(ScenarioIssue("\(key) must be a string", at: member.value.range))
            return nil
        }
        return text
    }

    private static func bool(_ node: JSONNode, _ key: String, issues: inout [ScenarioIssue]) -> Bool? {
        guard let member = node[key] else { return nil }
        guard case .bool(let value) = member.value.value else {
            issues.append(ScenarioIssue("\(key) must be true or false", at: member.value.range))
            return nil
        }
        return value
    }
}
