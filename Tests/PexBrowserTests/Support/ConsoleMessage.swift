/// A `console.*` call made by the page (`Runtime.consoleAPICalled`): its kind and its arguments as text.
struct ConsoleMessage: Sendable, Equatable, CustomStringConvertible {
    /// `log`, `info`, `warning`, `error`, `debug`, …: CDP's names, so `console.warn` is `warning`.
    let type: String
    let text: String

    var description: String { "console.\(type): \(text)" }
}

extension ConsoleMessage {
    /// From the params of `Runtime.consoleAPICalled`.
    init(params: JSONValue) {
        type = params["type"]?.string ?? "log"
        text = (params["args"]?.array ?? []).map(Self.text(of:)).joined(separator: " ")
    }

    /// An argument as the console would print it: strings bare, other values as JSON, objects by description.
    private static func text(of remote: JSONValue) -> String {
        if let string = remote["value"]?.string { return string }
        if let value = remote["value"] { return value.jsonText }
        if let special = remote["unserializableValue"]?.string { return special }
        return remote["description"]?.string ?? remote["type"]?.string ?? "?"
    }
}
