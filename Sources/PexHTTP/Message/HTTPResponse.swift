public import PexSockets

/// A response: status, headers and a body from memory or from an open file.
/// The server adds `Date`, `Content-Length`, `Connection` and `Server`.
public struct HTTPResponse: Sendable {
    public enum Body: Sendable {
        case empty
        case bytes([UInt8])
        case file(FileRegion)

        public var count: Int {
            switch self {
            case .empty: return 0
            case .bytes(let bytes): return bytes.count
            case .file(let region): return region.count
            }
        }
    }

    public var status: HTTPStatus
    public var headers: HTTPHeaders
    public var body: Body
    /// Header lines rendered ahead of time (each as `\r\nName: value`), written after `headers`; lets a file
    /// cache keep a file's headers as bytes instead of rebuilding them per request.
    public var renderedHeaders: [UInt8] = []

    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders(), body: Body = .empty) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8]) {
        self.init(status: status, headers: headers, body: .bytes(body))
    }

    /// How the body's end is marked on the wire.
    enum Framing {
        /// `Content-Length` (every complete response).
        case length
        /// `Transfer-Encoding: chunked` (a stream to an HTTP/1.1 client).
        case chunked
        /// The connection's end (a stream to an HTTP/1.0 client).
        case close
    }

    /// Status line and headers as wire bytes, with the framing headers the server owns.
    func head(date: String, keepAlive: Bool, framing: Framing = .length) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(320)
        out.append(contentsOf: "HTTP/1.1 ".utf8)
        appendDecimal(status.code, to: &out)
        out.append(0x20)
        out.append(contentsOf: status.reason.utf8)
        out.append(contentsOf: "\r\nServer: pexdev\r\nDate: ".utf8)
        out.append(contentsOf: date.utf8)
        for field in headers.fields {
            out.append(0x0D)
            out.append(0x0A)
            out.append(contentsOf: field.name.utf8)
            out.append(0x3A)
            out.append(0x20)
            out.append(contentsOf: field.value.utf8)
        }
        out.append(contentsOf: renderedHeaders)
        // 1xx, 204 and 304 carry no body and no Content-Length (RFC 9110 §8.6).
        if status.code >= 200 && status.code != 204 && status.code != 304 {
            switch framing {
            case .length:
                out.append(contentsOf: "\r\nContent-Length: ".utf8)
                appendDecimal(body.count, to: &out)
            case .chunked:
                out.append(contentsOf: "\r\nTransfer-Encoding: chunked".utf8)
            case .close:
                break
            }
        }
        out.append(contentsOf: keepAlive ? "\r\n\r\n".utf8 : "\r\nConnection: close\r\n\r\n".utf8)
        return out
    }
}

@inline(__always)
func appendDecimal(_ value: Int, to out: inout [UInt8]) {
    if value < 10 {
        out.append(UInt8(48 + value))
        return
    }
    var digits:
        (
            UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
            UInt8, UInt8, UInt8, UInt8, UInt8
        ) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    var n = value
    var count = 0
    withUnsafeMutableBytes(of: &digits) { raw in
        while n > 0 && count < 20 {
            raw[count] = UInt8(48 + n % 10)
            n /= 10
            count += 1
        }
        for i in stride(from: count - 1, through: 0, by: -1) { out.append(raw[i]) }
    }
}
