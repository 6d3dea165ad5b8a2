/// Typed access to JSON object members, reporting missing fields (PEX010, PEX013), wrong types (PEX011) and
/// unknown keys (PEX012) with the ranges of the values concerned.
extension BrandingResolver {
    enum FieldNeed {
        /// Without it the plugin cannot work: an error.
        case required
        /// Webapp2 copes, but the author almost certainly meant to write it: a warning ending with `consequence`.
        case expected(consequence: String)
        case optional
    }

    /// The member's value, or nil (reported as `need` says) when the key is absent.
    mutating func member(_ key: String, of object: JSONNode, file: String, owner: String, need: FieldNeed) -> JSONNode?
    {
        if let member = object[key] { return member.value }
        switch need {
        case .required:
            diagnostics.add(.requiredField, file, Self.opening(object), "\(owner) has no \(key)")
        case .expected(let consequence):
            diagnostics.add(.expectedField, file, Self.opening(object), "\(owner) has no \(key)\(consequence)")
        case .optional:
            break
        }
        return nil
    }

    /// A string member; `null` is accepted silently when `nullable`, an empty string is reported when required.
    mutating func string(
        _ key: String, of object: JSONNode, file: String, owner: String, need: FieldNeed, nullable: Bool = false
    ) -> (value: String, node: JSONNode)? {
        guard let node = member(key, of: object, file: file, owner: owner, need: need) else { return nil }
        switch node.value {
        case .string(let text):
            if text.isBlank, case .required = need {
                diagnostics.add(.requiredField, file, node.range, "\(key) is empty")
                return nil
            }
            return (text, node)
        case .null where nullable:
            return nil
        default:
            wrongType(key, expected: "a string", node, file: file)
            return nil
        }
    }

    mutating func bool(_ key: String, of object: JSONNode, file: String, owner: String, need: FieldNeed) -> Bool? {
        guard let node = member(key, of: object, file: file, owner: owner, need: need) else { return nil }
        guard case .bool(let flag) = node.value else {
            wrongType(key, expected: "true or false", node, file: file)
            return nil
        }
        return flag
    }

    /// A list of strings; non-string elements are reported and left out.
    mutating func stringList(
        _ key: String, of object: JSONNode, file: String, owner: String, need: FieldNeed
    ) -> (values: [(String, JSONNode)], node: JSONNode)? {
        guard let node = member(key, of: object, file: file, owner: owner, need: need) else { return nil }
        guard case .array(let elements) = node.value else {
            wrongType(key, expected: "a list of strings", node, file: file)
            return nil
        }
        var values: [(String, JSONNode)] = []
        for element in elements {
            if case .string(let text) = element.value {
                values.append((text, element))
            } else {
                wrongType("\(key) entries", expected: "strings", element, file: file)
            }
        }
        return (values, node)
    }

    mutating func wrongType(_ key: String, expected: String, _ node: JSONNode, file: String) {
        diagnostics.add(
            .wrongType, file, node.range,
            "\(key) must be \(expected), found \(JSONValueDescription.describe(node.value))")
    }

    /// Unknown keys: a likely typo of a known key is a warning with the suggestion; with `reportAll`, any
    /// unknown key is (inside `menuItems` an unknown placement means the items never show).
    mutating func checkKeys(
        of object: JSONNode, known: [String], file: String, place: String? = nil, reportAll: Bool = false
    ) {
        guard let members = object.members else { return }
        for member in members where !known.contains(member.key) {
            if let suggestion = KeySuggestion.closest(to: member.key, among: known) {
                diagnostics.add(
                    .unknownKey, file, member.keyRange, "unknown key `\(member.key)`, did you mean `\(suggestion)`?",
                    hint: "Webapp2 ignores keys it does not know, so `\(member.key)` has no effect")
            } else if reportAll {
                let list = known.map { "`\($0)`" }.joined(separator: ", ")
                diagnostics.add(
                    .unknownKey, file, member.keyRange,
                    "unknown key `\(member.key)`\(place.map { " in \($0)" } ?? ""): Webapp2 knows \(list)",
                    hint: "Webapp2 ignores it, so whatever it holds never shows")
            }
        }
    }
}

extension String {
    /// Empty or only white space.
    var isBlank: Bool { allSatisfy(\.isWhitespace) }
}
