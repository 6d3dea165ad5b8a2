import PexHTTP

/// Reads the node's status line and headers from the bytes received so far: nil until the blank line has
/// arrived; interim 1xx answers (100 Continue) are skipped. Anything that is not HTTP/1.x is a bad response,
/// and a head over `limit` bytes is refused rather than buffered forever.
public enum ResponseHeadParser {
    public static let limit = 64 * 1024

    /// The head and how many bytes of `buffer` it took (the body starts there).
    public static func parse(_ buffer: [UInt8]) throws(ProxyFailure) -> (head: UpstreamResponseHead, consumed: Int)? {
        var start = 0
        while true {
            guard let end = headEnd(buffer, from: start) else {
                if buffer.count - start > limit {
                    throw ProxyFailure(.badResponse, "the node's response headers exceed \(limit / 1024) KiB")
                }
                if buffer.count - start >= 5 && !buffer[start...].starts(with: Array("HTTP/".utf8)) {
                    throw garbage(buffer[start...])
                }
                return nil
            }
            let head = try parseHead(buffer[start..<end.lineEnd])
            start = end.bodyStart
            if (100..<200).contains(head.status) && head.status != 101 { continue }
            if head.status == 101 {
                throw ProxyFailure(.badResponse, "the node switched protocols (101), which pexdev does not proxy")
            }
            return (head, start)
        }
    }

    /// Index just past the blank line ending the head (CRLF CRLF, or bare LF LF), and the end of its last line.
    private static func headEnd(_ buffer: [UInt8], from start: Int) -> (lineEnd: Int, bodyStart: Int)? {
        var index = start
        let limitIndex = min(buffer.count, start + limit + 4)
        while index < limitIndex {
            if buffer[index] == 0x0A {
                if index + 1 < buffer.count && buffer[index + 1] == 0x0A { return (index, index + 2) }
                if index + 2 < buffer.count && buffer[index + 1] == 0x0D && buffer[index + 2] == 0x0A {
                    return (index, index + 3)
                }
            }
            index += 1
        }
        return nil
    }

    private static func parseHead(_ bytes: ArraySlice<UInt8>) throws(ProxyFailure) -> UpstreamResponseHead {
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
            line.last == 0x0D ? line.dropLast() : line
        }
        guard !lines.isEmpty else { throw garbage(bytes) }
        let statusLine = lines.removeFirst()
        // "HTTP/1.1 200 OK": version, a space, three digits, then an optional reason.
        guard statusLine.count >= 12, statusLine.starts(with: Array("HTTP/1.".utf8)),
            let minor = statusLine.dropFirst(7).first, minor == 0x30 || minor == 0x31,
            statusLine[statusLine.startIndex + 8] == 0x20
        else { throw garbage(bytes) }
        let digits = statusLine[(statusLine.startIndex + 9)..<(statusLine.startIndex + 12)]
        guard digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            let status = Int(String(decoding: digits, as: UTF8.self)),
            (100...599).contains(status),
            statusLine.count == 12 || statusLine[statusLine.startIndex + 12] == 0x20
        else { throw garbage(bytes) }
        let reason = String(decoding: statusLine.dropFirst(13), as: UTF8.self)
        var headers = HTTPHeaders()
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: 0x3A), colon > line.startIndex,
                !line[..<colon].contains(where: { $0 == 0x20 || $0 == 0x09 }),
                line.first != 0x20 && line.first != 0x09
            else {
                throw ProxyFailure(.badResponse, "the node sent a malformed header line")
            }
            let name = String(decoding: line[..<colon], as: UTF8.self)
            let value = line[(colon + 1)...].drop { $0 == 0x20 || $0 == 0x09 }
            let trimmed = value.reversed().drop { $0 == 0x20 || $0 == 0x09 }.reversed()
            headers.add(name, String(decoding: trimmed, as: UTF8.self))
        }
        return UpstreamResponseHead(status: status, reason: reason, headers: headers)
    }

    private static func garbage(_ bytes: ArraySlice<UInt8>) -> ProxyFailure {
        let sample = bytes.prefix(24).map { $0 >= 0x20 && $0 < 0x7F ? Character(UnicodeScalar($0)) : "." }
        return ProxyFailure(.badResponse, "the node's answer is not HTTP (it began \"\(String(sample))\")")
    }
}
