import PexSockets

/// Pulls a response body off an upstream connection piece by piece, undoing the chunked framing, so the
/// exchange can pass each piece on as it arrives. `isCleanEnd` says whether the connection may be reused.
struct BodyReader {
    let connection: UpstreamConnection
    let framing: BodyFraming
    private var leftover: [UInt8]
    private var remaining: Int
    private var decoder = ChunkedDecoder()
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    private(set) var isFinished = false
    private(set) var isCleanEnd = false

    init(connection: UpstreamConnection, framing: BodyFraming, leftover: [UInt8]) {
        self.connection = connection
        self.framing = framing
        self.leftover = leftover
        if case .length(let length) = framing { remaining = length } else { remaining = 0 }
        if framing == .none || framing == .length(0) {
            isFinished = true
            isCleanEnd = leftover.isEmpty
        }
    }

    /// The next piece of payload (possibly empty while a chunk boundary is crossed), or nil at the body's end.
    /// `what` names the wait for a timeout message.
    mutating func next(idle: Deadline, what: String) throws(ProxyFailure) -> [UInt8]? {
        while !isFinished {
            let input: [UInt8]
            if !leftover.isEmpty {
                input = leftover
                leftover = []
            } else {
                let count = try connection.read(into: &buffer, deadline: idle, what: what)
                if count == 0 { return try endOfStream() }
                input = Array(buffer[0..<count])
            }
            switch framing {
            case .length:
                let take = min(remaining, input.count)
                remaining -= take
                if remaining == 0 {
                    isFinished = true
                    isCleanEnd = take == input.count
                }
                if take > 0 { return Array(input[0..<take]) }
            case .chunked:
                var payload: [UInt8] = []
                let used = try decoder.decode(input[...], into: &payload)
                if decoder.isDone {
                    isFinished = true
                    isCleanEnd = used == input.count
                }
                if !payload.isEmpty { return payload }
            case .untilClose:
                return input
            case .none:
                isFinished = true
            }
        }
        return nil
    }

    private mutating func endOfStream() throws(ProxyFailure) -> [UInt8]? {
        isFinished = true
        if framing == .untilClose || connection.socket.isCancelled { return nil }
        throw ProxyFailure(.badResponse, "the node closed the connection in the middle of the response body")
    }
}
