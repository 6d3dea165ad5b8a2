// Incremental decoding of an event-stream response as it arrives in arbitrary pieces: the head, then the
// chunked (or close-delimited) body, then events. Plain loops over bytes: hundreds of streams share a thread.

/// One event's `id:` and `event:` fields (data is not needed here).
struct StreamEvent {
    var id: Int?
    var name: String
}

/// Turns the bytes of one event-stream response into events.
struct StreamDecoder {
    private(set) var status: Int?
    private var head: [UInt8] = []
    private var chunked = false
    private var raw: [UInt8] = []
    private var body: [UInt8] = []
    /// The last chunk (size 0) arrived.
    private(set) var ended = false

    /// Feeds bytes; returns the events they completed.
    mutating func feed(_ bytes: ArraySlice<UInt8>) -> [StreamEvent] {
        if status == nil {
            head += bytes
            guard let parsed = ResponseHead(head) else { return [] }
            status = parsed.status
            chunked = parsed.chunked
            raw = Array(head[parsed.length...])
            head = []
        } else {
            raw += bytes
        }
        if chunked {
            dechunk()
        } else {
            body += raw
            raw.removeAll(keepingCapacity: true)
        }
        return takeEvents()
    }

    private mutating func dechunk() {
        var offset = 0
        while !ended {
            guard let lineEnd = find([13, 10], in: raw, from: offset) else { break }
            let sizeText = String(decoding: raw[offset..<lineEnd], as: UTF8.self)
            guard let size = Int(sizeText.split(separator: ";").first ?? "", radix: 16) else {
                ended = true
                break
            }
            if size == 0 {
                ended = true
                break
            }
            let start = lineEnd + 2
            guard raw.count >= start + size + 2 else { break }
            body += raw[start..<(start + size)]
            offset = start + size + 2
        }
        if offset > 0 { raw.removeSubrange(0..<offset) }
    }

    private mutating func takeEvents() -> [StreamEvent] {
        var events: [StreamEvent] = []
        var offset = 0
        while let end = find([10, 10], in: body, from: offset) {
            var event = StreamEvent(id: nil, name: "message")
            var hasField = false
            for line in body[offset..<end].split(separator: 10) where line.first != 58 {  // ':' starts a comment
                hasField = true
                let text = String(decoding: line, as: UTF8.self)
                if text.hasPrefix("id: ") { event.id = Int(text.dropFirst(4)) }
                if text.hasPrefix("event: ") { event.name = String(text.dropFirst(7)) }
            }
            if hasField { events.append(event) }
            offset = end + 2
        }
        if offset > 0 { body.removeSubrange(0..<offset) }
        return events
    }

    private func find(_ pattern: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard bytes.count >= pattern.count else { return nil }
        var index = start
        while index + pattern.count <= bytes.count {
            if bytes[index] == pattern[0] && bytes[index + 1] == pattern[1] { return index }
            index += 1
        }
        return nil
    }
}
