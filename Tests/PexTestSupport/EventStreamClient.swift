import Foundation

/// One server-sent event as a client sees it.
public struct ReceivedEvent: Equatable, Sendable {
    public var id: String?
    public var event: String
    public var data: String

    /// The data as a JSON value (nil if it is not JSON).
    public var json: Any? { try? JSONSerialization.jsonObject(with: Data(data.utf8), options: [.fragmentsAllowed]) }
}

/// Reads an event stream (chunked or close-delimited) over a `RawClient`, one event at a time, with the
/// client's receive timeout as the bound on every wait.
public final class EventStreamClient {
    public let client: RawClient
    public private(set) var status = 0
    public private(set) var headers: [(String, String)] = []
    private var chunked = false
    private var body: [UInt8] = []
    public private(set) var comments = 0

    /// Sends `GET target` and reads the response head.
    public init(port: Int, target: String, extraHeaders: String = "", timeoutSeconds: Int = 5) throws {
        client = try RawClient(port: port, timeoutSeconds: timeoutSeconds)
        client.send("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\(extraHeaders)\r\n")
        let marker: [UInt8] = [13, 10, 13, 10]
        while client.pending.firstRange(of: marker) == nil {
            guard try client.fill() else { throw ClientError("stream closed before its head") }
        }
        guard let end = client.pending.firstRange(of: marker) else { throw ClientError("no head") }
        let head = String(decoding: client.pending[..<end.lowerBound], as: UTF8.self)
        client.pending.removeSubrange(0..<end.upperBound)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        status = statusLine.count > 1 ? Int(statusLine[1]) ?? 0 : 0
        headers = lines.compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        chunked = header("Transfer-Encoding")?.lowercased() == "chunked"
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    /// The next event; throws at end of stream or timeout.
    public func next() throws -> ReceivedEvent {
        while true {
            if let event = takeEvent() { return event }
            try readMore()
        }
    }

    /// Reads events until `predicate` matches one; returns everything read, the match last.
    public func read(until predicate: (ReceivedEvent) -> Bool) throws -> [ReceivedEvent] {
        var events: [ReceivedEvent] = []
        while true {
            let event = try next()
            events.append(event)
            if predicate(event) { return events }
        }
    }

    /// True when the server ends the stream (last chunk or EOF) before `timeout`.
    public func readsEnd() -> Bool {
        do {
            while true {
                _ = takeEvent()
                try readMore()
            }
        } catch {
            return error is StreamEnded
        }
    }

    private struct StreamEnded: Error {}

    private func readMore() throws {
        if chunked {
            // Decode every complete chunk in `pending` into `body`.
            while let lineEnd = client.pending.firstRange(of: [13, 10]) {
                let sizeText = String(decoding: client.pending[..<lineEnd.lowerBound], as: UTF8.self)
                guard let size = Int(sizeText.split(separator: ";")[0], radix: 16) else {
                    throw ClientError("bad chunk size line '\(sizeText)'")
                }
                if size == 0 { throw StreamEnded() }
                let total = lineEnd.upperBound + size + 2
                guard client.pending.count >= total else { break }
                body += client.pending[lineEnd.upperBound..<(lineEnd.upperBound + size)]
                client.pending.removeSubrange(0..<total)
                return
            }
        } else if !client.pending.isEmpty {
            body += client.pending
            client.pending.removeAll()
            return
        }
        guard try client.fill() else { throw StreamEnded() }
    }

    private func takeEvent() -> ReceivedEvent? {
        while let end = body.firstRange(of: [10, 10]) {
            let block = String(decoding: body[..<end.lowerBound], as: UTF8.self)
            body.removeSubrange(0..<end.upperBound)
            var event = ReceivedEvent(id: nil, event: "message", data: "")
            var dataLines: [String] = []
            var isComment = true
            for line in block.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix(":") { continue }
                isComment = false
                let parts = line.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
                let field = String(parts[0])
                var value = parts.count > 1 ? String(parts[1]) : ""
                if value.hasPrefix(" ") { value.removeFirst() }
                switch field {
                case "id": event.id = value
                case "event": event.event = value
                case "data": dataLines.append(value)
                default: break
                }
            }
            if isComment {
                comments += 1
                continue
            }
            // As EventSource does: a block without data (e.g. only `retry:`) dispatches nothing.
            if dataLines.isEmpty { continue }
            event.data = dataLines.joined(separator: "\n")
            return event
        }
        return nil
    }
}
