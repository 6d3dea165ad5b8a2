// Small helpers shared by the scenarios: clock, loopback sockets, the server's /proc figures, statistics.
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Monotonic seconds.
func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

func sleepSeconds(_ seconds: Double) {
    if seconds > 0 { usleep(UInt32(min(seconds, 60) * 1e6)) }
}

/// Prints at once (stdout is a pipe under the wrapper script).
func say(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}

/// What the server process uses, read from /proc (Linux only; nil elsewhere or once it has gone).
struct ServerProbe: Sendable {
    let pid: Int32

    /// VmRSS in KiB.
    var rssKilobytes: Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        }
        return nil
    }

    var descriptors: Int? { (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd"))?.count }
    var threads: Int? { (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task"))?.count }

    /// The server's soft open-file limit ("Max open files" in /proc/PID/limits).
    var descriptorLimit: Int? {
        guard let limits = try? String(contentsOfFile: "/proc/\(pid)/limits", encoding: .utf8) else { return nil }
        for line in limits.split(separator: "\n") where line.hasPrefix("Max open files") {
            let fields = line.dropFirst("Max open files".count).split(separator: " ")
            return fields.first.flatMap { Int($0) }
        }
        return nil
    }

    var isAlive: Bool { kill(pid, 0) == 0 }
}

func megabytes(_ kilobytes: Int?) -> String {
    guard let kilobytes else { return "?" }
    return String(format: "%.1f MB", Double(kilobytes) / 1024)
}

/// Raises this process's soft RLIMIT_NOFILE towards `wanted` (the hard limit permitting); returns the result.
func raiseOwnDescriptorLimit(to wanted: Int) -> (soft: Int, hard: Int) {
    var limit = rlimit()
    guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return (0, 0) }
    let target = min(rlim_t(wanted), limit.rlim_max)
    if limit.rlim_cur < target {
        limit.rlim_cur = target
        _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        _ = getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    }
    return (Int(limit.rlim_cur), Int(limit.rlim_max))
}

/// Loopback TCP without the niceties: every socket is 127.0.0.1 (the tool never goes anywhere else).
enum Loopback {
    /// A non-blocking socket with `connect` started; the descriptor, or -errno.
    static func startConnect(port: Int, receiveBuffer: Int? = nil) -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard fd >= 0 else { return -errno }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        if var size = receiveBuffer.map({ Int32($0) }) {
            setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = in_addr_t(UInt32(0x7F00_0001).bigEndian)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        if result != 0 && errno != EINPROGRESS {
            let code = errno
            close(fd)
            return -code
        }
        return fd
    }

    /// A connected blocking socket (waits up to `timeout` s for the connect); -errno on failure.
    static func connectBlocking(port: Int, timeout: Double = 5, receiveBuffer: Int? = nil) -> Int32 {
        let fd = startConnect(port: port, receiveBuffer: receiveBuffer)
        guard fd >= 0 else { return fd }
        var poller = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
        let ready = poll(&poller, 1, Int32(timeout * 1000))
        let error = socketError(fd)
        if ready != 1 || error != 0 {
            close(fd)
            return -(error != 0 ? error : ETIMEDOUT)
        }
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK)
        var time = timeval(tv_sec: Int(timeout), tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        return fd
    }

    static func socketError(_ fd: Int32) -> Int32 {
        var error: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length)
        return error
    }

    /// Sends everything (blocking or not: a non-blocking socket just sends what fits); bytes sent.
    @discardableResult
    static func send(_ fd: Int32, _ bytes: [UInt8]) -> Int {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { break }
            offset += n
        }
        return offset
    }

    @discardableResult
    static func send(_ fd: Int32, _ text: String) -> Int { send(fd, Array(text.utf8)) }

    /// Closes with a reset instead of a FIN (SO_LINGER 0): a tab killed or a network gone, not a polite close.
    static func reset(_ fd: Int32) {
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        close(fd)
    }

    /// One GET on a fresh blocking connection: the status and body (nil on any failure).
    static func get(port: Int, _ target: String, headers: String = "") -> (status: Int, body: [UInt8])? {
        request(port: port, "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\(headers)Connection: close\r\n\r\n")
    }

    static func post(port: Int, _ target: String, body: String, headers: String = "") -> (status: Int, body: [UInt8])? {
        request(
            port: port,
            "POST \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\(headers)Content-Type: application/json\r\n"
                + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)")
    }

    /// Sends `text` and reads until the server closes (every request here says `Connection: close`).
    static func request(port: Int, _ text: String) -> (status: Int, body: [UInt8])? {
        let fd = connectBlocking(port: port)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        send(fd, text)
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        let deadline = now() + 10
        while now() < deadline && received.count < 64 << 20 {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            received += chunk[0..<n]
        }
        guard let head = ResponseHead(received) else { return nil }
        return (head.status, Array(received[head.length...]))
    }
}

/// The parts of a response head the tool looks at.
struct ResponseHead {
    var status: Int
    /// Bytes of the head, blank line included.
    var length: Int
    var contentLength: Int?
    var chunked: Bool

    init?(_ bytes: [UInt8]) {
        guard let end = bytes.firstRange(of: [13, 10, 13, 10]) else { return nil }
        let text = String(decoding: bytes[..<end.lowerBound], as: UTF8.self)
        let lines = text.split(separator: "\r\n")
        let statusParts = lines.first?.split(separator: " ") ?? []
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { return nil }
        self.status = status
        length = end.upperBound
        contentLength = nil
        chunked = false
        for line in lines.dropFirst() {
            let lower = line.lowercased()
            if lower.hasPrefix("content-length:") {
                contentLength = Int(lower.dropFirst(15).trimmingCharacters(in: .whitespaces))
            }
            if lower.hasPrefix("transfer-encoding:") && lower.contains("chunked") { chunked = true }
        }
    }
}

/// The value at fraction `p` of sorted `values`.
func percentile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p + 0.5))]
}

/// A mock participant's token (POST request_token), or nil.
func mockToken(port: Int, conference: String = "meet", name: String) -> String? {
    guard
        let reply = Loopback.post(
            port: port, "/api/client/v2/conferences/\(conference)/request_token",
            body: "{\"display_name\": \"\(name)\"}"),
        reply.status == 200,
        let json = try? JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any],
        let token = (json["result"] as? [String: Any])?["token"] as? String
    else { return nil }
    return token
}
