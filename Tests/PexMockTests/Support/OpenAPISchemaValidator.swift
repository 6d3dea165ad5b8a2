import Foundation

/// Checks a JSON value against an OpenAPI 3.0 schema object; every error names a JSON pointer into the value.
/// Covers the keywords the mock's document uses (the document test fails if it uses one not listed here).
struct OpenAPISchemaValidator: Sendable {
    /// The whole document, for `$ref`s.
    let document: OpenAPIJSON

    /// Keywords that constrain a value; each is checked below.
    static let checkedKeywords: Set<String> = [
        "$ref", "type", "nullable", "enum", "properties", "required", "additionalProperties", "items", "minItems",
        "maxItems", "minLength", "maxLength", "pattern", "minimum", "maximum", "oneOf", "anyOf", "allOf",
    ]
    /// Keywords that only document (never make a value invalid).
    static let annotationKeywords: Set<String> = [
        "description", "title", "default", "example", "format", "deprecated", "readOnly", "writeOnly",
    ]

    /// A `$ref` chain longer than this is taken to be a cycle.
    private static let maximumReferenceDepth = 32

    /// Errors of `value` against `schema`; `pointer` is where `value` sits in the body ("" for the root).
    func errors(_ value: OpenAPIJSON, against schema: OpenAPIJSON, at pointer: String = "") -> [String] {
        let (resolved, refError) = resolve(schema, depth: 0)
        if let refError { return [message(pointer, refError)] }
        guard case .object(let keywords) = resolved else {
            return [message(pointer, "schema is not an object: \(resolved.brief)")]
        }
        if value == .null, keywords["nullable"] == .bool(true) { return [] }
        // An enum names the allowed values outright, so it is the clearer message (and makes a type error redundant).
        if case .array(let allowed)? = keywords["enum"], !allowed.contains(where: { Self.equal($0, value) }) {
            return [message(pointer, "expected one of \(OpenAPIJSON.array(allowed).text), got \(value.brief)")]
        }
        if case .string(let type)? = keywords["type"], !Self.matches(value, type: type) {
            let got = value == .null ? "null" : "\(value.typeName) \(value.brief)"
            return [message(pointer, "expected \(type), got \(got)")]
        }
        var found = combinators(value, keywords, pointer)
        switch value {
        case .object(let members): found += objectErrors(members, keywords, pointer)
        case .array(let elements): found += arrayErrors(elements, keywords, pointer)
        case .string(let text): found += stringErrors(text, keywords, pointer)
        case .integer(let number): found += numberErrors(Double(number), keywords, pointer)
        case .number(let number): found += numberErrors(number, keywords, pointer)
        case .bool, .null: break
        }
        return found
    }

    /// The schema a `$ref` leads to (following chains), or the schema itself; with an error if it leads nowhere.
    func resolve(_ schema: OpenAPIJSON, depth: Int = 0) -> (OpenAPIJSON, String?) {
        guard case .string(let reference)? = schema["$ref"] else { return (schema, nil) }
        guard depth < Self.maximumReferenceDepth else { return (schema, "$ref cycle at \(reference)") }
        guard reference.hasPrefix("#/"), let target = document.value(at: reference) else {
            return (schema, "unresolvable $ref \(reference)")
        }
        return resolve(target, depth: depth + 1)
    }

    // MARK: keyword groups

    private func combinators(_ value: OpenAPIJSON, _ keywords: [String: OpenAPIJSON], _ pointer: String) -> [String] {
        var found: [String] = []
        if case .array(let all)? = keywords["allOf"] {
            for schema in all { found += errors(value, against: schema, at: pointer) }
        }
        if case .array(let any)? = keywords["anyOf"] {
            let outcomes = any.map { errors(value, against: $0, at: pointer) }
            if !outcomes.contains(where: \.isEmpty) {
                found.append(
                    message(pointer, "matches none of the \(any.count) anyOf schemas" + closest(any, outcomes)))
            }
        }
        if case .array(let one)? = keywords["oneOf"] {
            let outcomes = one.map { errors(value, against: $0, at: pointer) }
            let matching = outcomes.filter(\.isEmpty).count
            if matching == 0 {
                found.append(
                    message(pointer, "matches none of the \(one.count) oneOf schemas" + closest(one, outcomes)))
            } else if matching > 1 {
                found.append(message(pointer, "matches \(matching) of the oneOf schemas, expected exactly one"))
            }
        }
        return found
    }

    /// The branch that came nearest (fewest errors), so a near miss reads as its real cause.
    private func closest(_ schemas: [OpenAPIJSON], _ outcomes: [[String]]) -> String {
        guard let best = outcomes.indices.min(by: { outcomes[$0].count < outcomes[$1].count }) else { return "" }
        let name = schemas[best]["$ref"]?.stringValue ?? "schema \(best + 1)"
        return "; closest is \(name): " + outcomes[best].joined(separator: "; ")
    }

    private func objectErrors(_ members: [String: OpenAPIJSON], _ keywords: [String: OpenAPIJSON], _ pointer: String)
        -> [String]
    {
        var found: [String] = []
        let properties = keywords["properties"]?.objectValue ?? [:]
        for case .string(let name) in keywords["required"]?.arrayValue ?? [] where members[name] == nil {
            found.append(message(pointer, "missing required property \"\(name)\""))
        }
        for key in members.keys.sorted() {
            guard let member = members[key] else { continue }
            let memberPointer = pointer + "/" + OpenAPIJSON.pointerToken(key)
            if let schema = properties[key] {
                found += errors(member, against: schema, at: memberPointer)
            } else if keywords["additionalProperties"] == .bool(false) {
                found.append(message(memberPointer, "unexpected property (additionalProperties is false)"))
            } else if let extra = keywords["additionalProperties"], case .object = extra {
                found += errors(member, against: extra, at: memberPointer)
            }
        }
        return found
    }

    private func arrayErrors(_ elements: [OpenAPIJSON], _ keywords: [String: OpenAPIJSON], _ pointer: String)
        -> [String]
    {
        var found: [String] = []
        if case .integer(let minimum)? = keywords["minItems"], elements.count < minimum {
            found.append(message(pointer, "expected at least \(minimum) items, got \(elements.count)"))
        }
        if case .integer(let maximum)? = keywords["maxItems"], elements.count > maximum {
            found.append(message(pointer, "expected at most \(maximum) items, got \(elements.count)"))
        }
        if let items = keywords["items"] {
            for (index, element) in elements.enumerated() {
                found += errors(element, against: items, at: pointer + "/\(index)")
            }
        }
        return found
    }

    private func stringErrors(_ text: String, _ keywords: [String: OpenAPIJSON], _ pointer: String) -> [String] {
        var found: [String] = []
        // JSON Schema counts code points, not grapheme clusters or UTF-16 units.
        let length = text.unicodeScalars.count
        if case .integer(let minimum)? = keywords["minLength"], length < minimum {
            found.append(message(pointer, "expected at least \(minimum) characters, got \(length)"))
        }
        if case .integer(let maximum)? = keywords["maxLength"], length > maximum {
            found.append(message(pointer, "expected at most \(maximum) characters, got \(length)"))
        }
        if case .string(let pattern)? = keywords["pattern"] {
            guard let regex = try? NSRegularExpression(pattern: pattern) else {
                return found + [message(pointer, "schema pattern \(pattern) does not compile")]
            }
            let range = NSRange(text.startIndex..<text.endIndex, in: text)
            if regex.firstMatch(in: text, range: range) == nil {
                found.append(
                    message(pointer, "expected a match for /\(pattern)/, got \(OpenAPIJSON.string(text).brief)"))
            }
        }
        return found
    }

    private func numberErrors(_ number: Double, _ keywords: [String: OpenAPIJSON], _ pointer: String) -> [String] {
        var found: [String] = []
        if let minimum = Self.double(keywords["minimum"]), number < minimum {
            found.append(message(pointer, "expected at least \(minimum), got \(number)"))
        }
        if let maximum = Self.double(keywords["maximum"]), number > maximum {
            found.append(message(pointer, "expected at most \(maximum), got \(number)"))
        }
        return found
    }

    // MARK: helpers

    private func message(_ pointer: String, _ text: String) -> String {
        "\(pointer.isEmpty ? "(root)" : pointer): \(text)"
    }

    private static func matches(_ value: OpenAPIJSON, type: String) -> Bool {
        switch (type, value) {
        case ("object", .object), ("array", .array), ("string", .string), ("integer", .integer),
            ("number", .integer), ("number", .number), ("boolean", .bool):
            return true
        default:
            return false
        }
    }

    /// JSON equality for `enum`: 1 and 1.0 are the same number, `true` is not 1.
    private static func equal(_ a: OpenAPIJSON, _ b: OpenAPIJSON) -> Bool {
        switch (a, b) {
        case (.integer(let x), .number(let y)), (.number(let y), .integer(let x)): return Double(x) == y
        default: return a == b
        }
    }

    private static func double(_ value: OpenAPIJSON?) -> Double? {
        switch value {
        case .integer(let number)?: return Double(number)
        case .number(let number)?: return number
        default: return nil
        }
    }
}
