/// JSON values named the way messages say them: `found the string "yes"`, `found a list`.
enum JSONValueDescription {
    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .string(let text):
            let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
            return "the string \"\(shown)\""
        case .number(let text): return "the number \(text)"
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return "null"
        case .array(let elements): return elements.isEmpty ? "an empty list" : "a list"
        case .object: return "an object"
        }
    }
}
