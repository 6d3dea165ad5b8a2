import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A deliberately dumb HTTP/1.1 client over a real TCP socket, so tests control every byte on the wire.
public final class RawClient {
    public let fd: Int32

    public init(port: Int, host: String = "127.0.0.1", timeoutSeconds: Int = 5) throws {
        let v6 = host.contains(":")
        fd = socket(v6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ClientError("socket failed") }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let result: Int32
        if v6 {
            var sa = sockaddr_in6()
            sa.sin6_family = sa_family_t(AF_INET6)
            sa.sin6_port = in_port_t(UInt16(port).bigEndian)
            inet_pton(AF_INET6, host, &sa.sin6_addr)
            result = withUnsafePointer(to: &sa) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
                }
            }
        } else {
            var sa = sockaddr_in()
            sa.sin_family = sa_family_t(AF_INET)
            sa.sin_port = in_port_t(UInt16(port).bigEndian)
            inet_pton(AF_INET, host, &sa.sin_addr)
            result = withUnsafePointer(to: &sa) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
        guard result == 0 else {
            close(fd)
            throw ClientError("connect to \(host):\(port) failed: \(String(cString: strerror(errno)))")
        }
    }

    deinit { close(fd) }

    public func send(_ text: String) { send(Array(text.utf8)) }

    public func send(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return }
            offset += n
        }
    }

    var pending: [UInt8] = []

    /// Reads one response. `head` says the request was HEAD (no body whatever Content-Length says).
    public func readResponse(head: Bool = false) throws -> RawResponse {
        while true {
            if let response = try RawResponse.parse(&pending, head: head) { return response }
            guard try fill() else {
                throw ClientError("connection closed before a full response (\(pending.count) bytes)")
            }
        }
    }

    /// True when the server closed the connection (EOF) within the receive timeout.
    public func readsEOF() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n == 0 { return true }
            if n < 0 { return errno == ECONNRESET }
        }
    }

    /// Reads what is available into `pending`; false at end of stream.
    func fill() throws -> Bool {
        var buffer = [UInt8](repeating: 0, count: 65536)
        let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if n < 0 {
            if errno == ECONNRESET { return false }
            throw ClientError("recv failed: \(String(cString: strerror(errno)))")
        }
        if n == 0 { return false }
        pending.append(contentsOf: buffer[0..<n])
        return true
    }
}

public struct ClientError: Error, CustomStringConvertible {
    public let description: String
    public init(_ text: String) { description = text }
}

public struct RawResponse {
    public var status: Int
    public var headers: [(String, String)]
    public var body: [UInt8]
    public var text: String { String(decoding: body, as: UTF8.self) }

    public func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    public static func parse(_ buffer: inout [UInt8], head: Bool) throws -> RawResponse? {
        let marker: [UInt8] = [13, 10, 13, 10]
        guard let end = buffer.firstRange(of: marker) else { return nil }
        let headText = String(decoding: buffer[..<end.lowerBound], as: UTF8.self)
        var lines = headText.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else {
            throw ClientError("bad status line: \(headText.prefix(80))")
        }
        let headers = lines.compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        let length =
            head || status == 304 || status == 204 || status < 200
            ? 0 : Int(headers.first { $0.0.lowercased() == "content-length" }?.1 ?? "0") ?? 0
        let bodyStart = end.upperBound
        guard buffer.count >= bodyStart + length else { return nil }
        let body = Array(buffer[bodyStart..<(bodyStart + length)])
        buffer.removeSubrange(0..<(bodyStart + length))
        return RawResponse(status: status, headers: headers, body: body)
    }
}
