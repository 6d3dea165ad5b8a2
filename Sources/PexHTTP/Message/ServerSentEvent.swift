/// One message of a `text/event-stream` body (HTML Living Standard §9.2), encoded once and sent to many.
public struct ServerSentEvent: Sendable, Equatable {
    public var event: String?
    public var data: String
    public var id: String?

    public init(event: String? = nil, data: String, id: String? = nil) {
        self.event = event
        self.data = data
        self.id = id
    }

    /// Wire bytes: `id:`, `event:`, one `data:` line per line of `data`, then a blank line. Line breaks
    /// inside `event`/`id` would end the field early, so they are replaced by spaces.
    public var bytes: [UInt8] {
        var text = ""
        if let id { text += "id: \(Self.singleLine(id))\n" }
        if let event { text += "event: \(Self.singleLine(event))\n" }
        var line = Substring(data)
        while let end = line.firstIndex(where: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            text += "data: \(line[..<end])\n"
            line = line[line.index(after: end)...]
        }
        text += "data: \(line)\n\n"
        return Array(text.utf8)
    }

    /// A comment line: ignored by EventSource, keeps proxies and idle timers from closing the stream.
    public static func comment(_ text: String) -> [UInt8] {
        Array(": \(singleLine(text))\n\n".utf8)
    }

    /// The response head that starts an event stream.
    public static var responseHead: HTTPResponse {
        var head = HTTPResponse()
        head.headers.add("Content-Type", "text/event-stream; charset=utf-8")
        head.headers.add("Cache-Control", "no-store")
        // Tells nginx-style proxies in front of pexdev not to buffer the stream.
        head.headers.add("X-Accel-Buffering", "no")
        return head
    }

    private static func singleLine(_ text: String) -> String {
        String(text.map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
    }
}
