/// An exception the page did not catch (`Runtime.exceptionThrown`), with where it was thrown.
struct PageException: Sendable, Equatable, CustomStringConvertible {
    /// For an Error, its stack as the console shows it ("Error: boom\n    at …"); otherwise "Uncaught <value>".
    let text: String
    let url: String
    /// One-based, as editors count (CDP counts from zero).
    let line: Int
    let column: Int

    var description: String { "\(text) (at \(url):\(line):\(column))" }
}

extension PageException {
    /// From CDP `exceptionDetails`.
    init(details: JSONValue) {
        text = Self.text(of: details)
        url = details["url"]?.string ?? "(no url)"
        line = (details["lineNumber"]?.int ?? -1) + 1
        column = (details["columnNumber"]?.int ?? -1) + 1
    }

    /// The text of CDP `exceptionDetails`, shared with `BrowserPage.evaluate`'s errors.
    static func text(of details: JSONValue) -> String {
        let summary = details["text"]?.string ?? "Uncaught"
        if let description = details["exception"]?["description"]?.string { return description }
        if let value = details["exception"]?["value"] { return "\(summary) \(value.string ?? value.jsonText)" }
        return summary
    }
}
