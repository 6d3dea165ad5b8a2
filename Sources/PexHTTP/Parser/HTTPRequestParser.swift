/// An incremental HTTP/1.1 request parser. Feed it bytes as they arrive, in any split, and take complete
/// requests with `next()`. Strict where leniency enables smuggling (framing headers, obs-fold, spaces before
/// colons); tolerant of bare LF line endings, as nginx is. After it throws, the connection must be closed.
public struct HTTPRequestParser: Sendable {
    public let limits: HTTPParserLimits
    private var buffer: [UInt8] = []
    /// Bytes before `start` are consumed.
    private var start = 0
    private var state = State.head
    /// Head-scan progress, so each byte is looked at once however the request is split.
    private var scanPosition = 0
    private var lineStart = 0
    private var requestLineEnd: Int?
    private var pending: PendingRequest?
    private var body: [UInt8] = []

    private enum State: Sendable {
        case head
        case fixedBody(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers
    }

    private struct PendingRequest: Sendable {
        var method: String
        var target: String
        var minorVersion: Int
        var headers: HTTPHeaders
        var keepAlive: Bool
    }

    public init(limits: HTTPParserLimits = HTTPParserLimits()) {
        self.limits = limits
    }

    /// True when the client asked for `100 Continue` and its body has not started yet.
    public private(set) var expectsContinue = false

    /// True when some bytes of an unfinished request have arrived (for choosing header vs idle timeouts).
    public var isInsideRequest: Bool {
        if case .head = state { return buffer.count > start }
        return true
    }

    /// True while the parser is waiting for the head of a request (no body in progress).
    public var isReadingHead: Bool {
        if case .head = state { return true }
        return false
    }

    /// Records that `100 Continue` went out, so it is sent once.
    public mutating func acknowledgeContinue() { expectsContinue = false }

    /// Unconsumed bytes held (for back-pressure decisions).
    public var bufferedCount: Int { buffer.count - start }

    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        compactIfUseful()
        buffer.append(contentsOf: bytes)
    }

    public mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    /// The next complete request, or nil when more bytes are needed.
    public mutating func next() throws(HTTPError) -> HTTPRequest? {
        while true {
            switch state {
            case .head:
                guard let headEnd = try scanHead() else { return nil }
                try parseHead(end: headEnd)
            case .fixedBody(let remaining):
                let available = buffer.count - start
                if available < remaining { return nil }
                body.append(contentsOf: buffer[start..<(start + remaining)])
                start += remaining
                return finish()
            case .chunkSize:
                guard let line = try takeLine(limit: limits.chunkLine, what: "chunk size line") else { return nil }
                let size = try parseChunkSize(line)
                if size == 0 {
                    state = .trailers
                } else {
                    guard body.count + size <= limits.body else {
                        throw HTTPError(.payloadTooLarge, "request body exceeds the \(limits.body)-byte limit")
                    }
                    state = .chunkData(remaining: size)
                }
            case .chunkData(let remaining):
                let available = buffer.count - start
                if available == 0 { return nil }
                let take = min(available, remaining)
                body.append(contentsOf: buffer[start..<(start + take)])
                start += take
                state = take == remaining ? .chunkDataEnd : .chunkData(remaining: remaining - take)
                if take < remaining { return nil }
            case .chunkDataEnd:
                guard let line = try takeLine(limit: 2, what: "chunk data terminator") else { return nil }
                guard line.isEmpty else {
                    throw HTTPError(.badRequest, "chunk data is longer than its declared size (missing CRLF)")
                }
                state = .chunkSize
            case .trailers:
                guard let line = try takeLine(limit: limits.headerBytes, what: "trailer") else { return nil }
                if line.isEmpty { return finish() }
            }
        }
    }

    // MARK: head

    /// Finds the blank line ending the head. Validates the request line as it arrives so garbage (or a TLS
    /// handshake) fails at once instead of waiting for a timeout.
    private mutating func scanHead() throws(HTTPError) -> Int? {
        var position = start + scanPosition
        var line = start + lineStart
        let end = buffer.count
        while position < end {
            let byte = buffer[position]
            if requestLineEnd == nil {
                if byte == 0x0A {
                    let length = position - line
                    if length == 0 || (length == 1 && buffer[line] == 0x0D) {
                        // Empty lines before a request are tolerated (RFC 9112 §2.2) and dropped.
                        start = position + 1
                        position = start
                        line = start
                        continue
                    }
                    // A line like "SSH-2.0-…" or "GET /" fails here, not after a header timeout.
                    _ = try parseRequestLine(trimCR(line, position))
                    requestLineEnd = position
                    line = position + 1
                } else {
                    try checkRequestLineByte(byte, at: position - line)
                    if position - line >= limits.requestLine {
                        throw HTTPError(.uriTooLong, "request line is longer than \(limits.requestLine) bytes")
                    }
                }
            } else if byte == 0x0A {
                let length = position - line
                if length == 0 || (length == 1 && buffer[line] == 0x0D) {
                    scanPosition = 0
                    lineStart = 0
                    return position + 1
                }
                line = position + 1
            }
            position += 1
            if let requestEnd = requestLineEnd, position - requestEnd > limits.headerBytes {
                throw HTTPError(.headerFieldsTooLarge, "request headers are larger than \(limits.headerBytes) bytes")
            }
        }
        scanPosition = position - start
        lineStart = line - start
        return nil
    }

    private func checkRequestLineByte(_ byte: UInt8, at offset: Int) throws(HTTPError) {
        if offset == 0 && byte != 0x0D && !isTokenByte(byte) {
            throw HTTPError(
                .badRequest, "this is not an HTTP request (is the client speaking TLS to a plain-HTTP port?)")
        }
        if byte < 0x20 && byte != 0x0D || byte == 0x7F {
            throw HTTPError(.badRequest, "control character in the request line")
        }
    }

    private mutating func parseHead(end: Int) throws(HTTPError) {
        guard let requestEnd = requestLineEnd else { return }
        requestLineEnd = nil
        let lineBytes = trimCR(start, requestEnd)
        let request = try parseRequestLine(lineBytes)
        var headers = HTTPHeaders()
        var lineBegin = requestEnd + 1
        while lineBegin < end {
            guard let lf = buffer[lineBegin..<end].firstIndex(of: 0x0A) else { break }
            let range = trimCR(lineBegin, lf)
            lineBegin = lf + 1
            if range.isEmpty { break }
            if headers.count >= limits.headerCount {
                throw HTTPError(.headerFieldsTooLarge, "more than \(limits.headerCount) header fields")
            }
            let (name, value) = try parseHeaderLine(range)
            headers.add(name, value)
        }
        start = end
        try applyFraming(method: request.method, target: request.target, minor: request.minor, headers: headers)
    }

    private func trimCR(_ from: Int, _ lf: Int) -> Range<Int> {
        if lf > from && buffer[lf - 1] == 0x0D { return from..<(lf - 1) }
        return from..<lf
    }

    private func parseRequestLine(_ range: Range<Int>) throws(HTTPError) -> (method: String, target: String, minor: Int)
    {
        let line = buffer[range]
        if line.contains(0x0D) { throw HTTPError(.badRequest, "stray carriage return in the request line") }
        guard let firstSpace = line.firstIndex(of: 0x20) else {
            throw HTTPError(.badRequest, "request line has no target or version (expected 'GET /path HTTP/1.1')")
        }
        guard let lastSpace = line.lastIndex(of: 0x20), lastSpace > firstSpace else {
            throw HTTPError(.badRequest, "request line has no HTTP version (expected 'GET /path HTTP/1.1')")
        }
        let methodBytes = line[range.lowerBound..<firstSpace]
        if methodBytes.count > limits.method {
            throw HTTPError(.badRequest, "method is longer than \(limits.method) bytes")
        }
        guard methodBytes.allSatisfy(isTokenByte) else { throw HTTPError(.badRequest, "method is not a valid token") }
        let targetBytes = line[(firstSpace + 1)..<lastSpace]
        guard !targetBytes.isEmpty, targetBytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw HTTPError(.badRequest, "request target is empty or contains spaces or non-ASCII bytes")
        }
        let version = line[(lastSpace + 1)..<range.upperBound]
        let minor: Int
        if version.elementsEqual("HTTP/1.1".utf8) {
            minor = 1
        } else if version.elementsEqual("HTTP/1.0".utf8) {
            minor = 0
        } else if version.count == 8 && version.starts(with: "HTTP/".utf8) {
            throw HTTPError(.versionNotSupported, "only HTTP/1.0 and HTTP/1.1 are supported")
        } else {
            throw HTTPError(.badRequest, "malformed HTTP version (expected HTTP/1.1)")
        }
        return (String(decoding: methodBytes, as: UTF8.self), String(decoding: targetBytes, as: UTF8.self), minor)
    }

    private func parseHeaderLine(_ range: Range<Int>) throws(HTTPError) -> (String, String) {
        let first = buffer[range.lowerBound]
        if first == 0x20 || first == 0x09 {
            throw HTTPError(
                .badRequest, "obsolete line folding (a header line starting with whitespace) is not allowed")
        }
        guard let colon = buffer[range].firstIndex(of: 0x3A) else {
            throw HTTPError(.badRequest, "header line without a colon")
        }
        let name = buffer[range.lowerBound..<colon]
        guard !name.isEmpty, name.allSatisfy(isTokenByte) else {
            throw HTTPError(.badRequest, "invalid header name (whitespace before the colon is not allowed)")
        }
        var valueStart = colon + 1
        var valueEnd = range.upperBound
        while valueStart < valueEnd && (buffer[valueStart] == 0x20 || buffer[valueStart] == 0x09) { valueStart += 1 }
        while valueEnd > valueStart && (buffer[valueEnd - 1] == 0x20 || buffer[valueEnd - 1] == 0x09) { valueEnd -= 1 }
        let value = buffer[valueStart..<valueEnd]
        if value.contains(where: { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F }) {
            throw HTTPError(
                .badRequest, "control character in the value of header '\(String(decoding: name, as: UTF8.self))'")
        }
        return (String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self))
    }

    /// Decides keep-alive and how the body is delimited, refusing the ambiguous combinations that enable
    /// request smuggling (security.md items 5–7).
    private mutating func applyFraming(method: String, target: String, minor: Int, headers: HTTPHeaders)
        throws(HTTPError)
    {
        let hosts = headers.values("Host")
        if minor == 1 && hosts.count != 1 {
            throw HTTPError(
                .badRequest, hosts.isEmpty ? "HTTP/1.1 request without a Host header" : "more than one Host header")
        }
        if minor == 0 && hosts.count > 1 { throw HTTPError(.badRequest, "more than one Host header") }

        let connectionTokens = headers.values("Connection").flatMap { splitList($0) }
        let keepAlive: Bool
        if minor == 1 {
            keepAlive = !connectionTokens.contains { asciiCaseInsensitiveEquals($0, "close") }
        } else {
            keepAlive = connectionTokens.contains { asciiCaseInsensitiveEquals($0, "keep-alive") }
        }

        let lengths = headers.values("Content-Length")
        let encodings = headers.values("Transfer-Encoding")
        let codings = encodings.flatMap { splitList($0) }
        var framing = State.fixedBody(remaining: 0)
        // Presence, not content, decides: an empty Transfer-Encoding beside Content-Length is still ambiguous.
        if !encodings.isEmpty {
            if !lengths.isEmpty {
                throw HTTPError(.badRequest, "both Content-Length and Transfer-Encoding (ambiguous framing)")
            }
            if minor == 0 { throw HTTPError(.badRequest, "Transfer-Encoding is not allowed in HTTP/1.0") }
            let chunkedCount = codings.filter { asciiCaseInsensitiveEquals($0, "chunked") }.count
            if chunkedCount > 1 { throw HTTPError(.badRequest, "'chunked' applied more than once") }
            guard let last = codings.last, asciiCaseInsensitiveEquals(last, "chunked") else {
                throw HTTPError(.badRequest, "Transfer-Encoding must end with 'chunked'")
            }
            if codings.count > 1 {
                throw HTTPError(.notImplemented, "transfer codings other than 'chunked' are not supported")
            }
            framing = .chunkSize
        } else if !lengths.isEmpty {
            guard lengths.count == 1 else { throw HTTPError(.badRequest, "more than one Content-Length header") }
            let text = lengths[0]
            guard !text.isEmpty, text.utf8.count <= 18, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                let length = Int(text)
            else {
                throw HTTPError(.badRequest, "Content-Length '\(text)' is not a non-negative decimal number")
            }
            if length > limits.body {
                throw HTTPError(
                    .payloadTooLarge, "request body of \(length) bytes exceeds the \(limits.body)-byte limit")
            }
            framing = .fixedBody(remaining: length)
        }

        var hasBody = true
        if case .fixedBody(let remaining) = framing, remaining == 0 { hasBody = false }
        if let expect = headers["Expect"] {
            guard asciiCaseInsensitiveEquals(expect, "100-continue") else {
                throw HTTPError(.expectationFailed, "only 'Expect: 100-continue' is supported")
            }
            expectsContinue = hasBody && minor == 1
        }
        pending = PendingRequest(
            method: method, target: target, minorVersion: minor, headers: headers, keepAlive: keepAlive)
        body = []
        state = framing
    }

    // MARK: body

    private mutating func takeLine(limit: Int, what: String) throws(HTTPError) -> ArraySlice<UInt8>? {
        let end = buffer.count
        let searchEnd = min(end, start + limit + 2)
        guard let lf = buffer[start..<searchEnd].firstIndex(of: 0x0A) else {
            if end - start > limit + 1 { throw HTTPError(.badRequest, "\(what) is longer than \(limit) bytes") }
            return nil
        }
        let range = trimCR(start, lf)
        start = lf + 1
        return buffer[range]
    }

    private func parseChunkSize(_ line: ArraySlice<UInt8>) throws(HTTPError) -> Int {
        var size = 0
        var digits = 0
        for byte in line {
            let value: Int
            switch byte {
            case 0x30...0x39: value = Int(byte - 0x30)
            case 0x41...0x46: value = Int(byte - 0x41 + 10)
            case 0x61...0x66: value = Int(byte - 0x61 + 10)
            case 0x3B, 0x20, 0x09:
                // Extensions (";name=value") are allowed and ignored; the line length is bounded by the caller.
                guard digits > 0 else { throw HTTPError(.badRequest, "chunk size is missing") }
                if line.contains(where: { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F }) {
                    throw HTTPError(.badRequest, "control character in a chunk extension")
                }
                return size
            default:
                throw HTTPError(.badRequest, "invalid chunk size")
            }
            digits += 1
            if digits > 15 { throw HTTPError(.badRequest, "chunk size is too large") }
            size = size * 16 + value
        }
        guard digits > 0 else { throw HTTPError(.badRequest, "chunk size is missing") }
        return size
    }

    private mutating func finish() -> HTTPRequest? {
        guard let head = pending else { return nil }
        pending = nil
        state = .head
        expectsContinue = false
        let request = HTTPRequest(
            method: head.method, target: head.target, minorVersion: head.minorVersion, headers: head.headers,
            body: body, keepAlive: head.keepAlive)
        body = []
        return request
    }

    private mutating func compactIfUseful() {
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        } else if start > 4096 && start * 2 > buffer.count {
            buffer.removeFirst(start)
            // requestLineEnd is an absolute index; shift it with the bytes it points into.
            if let end = requestLineEnd { requestLineEnd = end - start }
            start = 0
        }
    }
}

/// RFC 9110 token characters (method names, header names, codings).
@inline(__always)
func isTokenByte(_ byte: UInt8) -> Bool {
    switch byte {
    case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
    case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
        UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
        UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
        return true
    default: return false
    }
}

/// Splits a comma-separated header list, trimming whitespace and dropping empty members.
public func splitList(_ value: String) -> [String] {
    value.split(separator: ",").map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
}

extension Substring {
    /// Without leading and trailing spaces and tabs (header whitespace).
    public func trimmingSpaces() -> String {
        var s = self[...]
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
