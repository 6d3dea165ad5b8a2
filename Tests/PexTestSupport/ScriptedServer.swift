import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A tiny TCP server for the upstream side of proxy tests: each accepted connection runs `script` on its own
/// thread with a blocking socket, so a test can answer correctly, slowly, wrongly or not at all. Records the
/// request heads it read and when each connection was closed by the peer. Loopback only; `stop()` ends it.
public final class ScriptedServer: @unchecked Sendable {
    /// One accepted connection, handed to the script.
    public final class Peer: @unchecked Sendable {
        public let fd: Int32
        fileprivate var buffered: [UInt8] = []
        init(fd: Int32) { self.fd = fd }

        /// Reads one request head (and a body of Content-Length bytes); nil if the peer closed first.
        public func readRequest(timeoutSeconds: Int = 5) -> (head: String, body: [UInt8])? {
            setTimeout(timeoutSeconds)
            while true {
                if let end = buffered.firstRange(of: [13, 10, 13, 10]) {
                    let head = String(decoding: buffered[..<end.lowerBound], as: UTF8.self)
                    let length =
                        head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
                        .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
                    if buffered.count >= end.upperBound + length {
                        let body = Array(buffered[end.upperBound..<(end.upperBound + length)])
                        buffered.removeSubrange(0..<(end.upperBound + length))
                        return (head, body)
                    }
                }
                guard fill() else { return nil }
            }
        }

        /// Whatever arrives first (up to 64 KiB), or nothing if the peer closed.
        public func readSome(timeoutSeconds: Int = 5) -> [UInt8] {
            setTimeout(timeoutSeconds)
            if buffered.isEmpty { _ = fill() }
            defer { buffered.removeAll() }
            return buffered
        }

        /// Sends everything (blocking); false if the peer went away.
        @discardableResult
        public func write(_ bytes: [UInt8]) -> Bool {
            var offset = 0
            while offset < bytes.count {
                let n = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                if n <= 0 { return false }
                offset += n
            }
            return true
        }

        @discardableResult
        public func write(_ text: String) -> Bool { write(Array(text.utf8)) }

        /// Waits up to `timeoutSeconds` for the peer to close; true if it did.
        public func waitForClose(timeoutSeconds: Int) -> Bool {
            setTimeout(timeoutSeconds)
            while true {
                var byte = [UInt8](repeating: 0, count: 4096)
                let n = byte.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if n == 0 { return true }
                if n < 0 { return errno == ECONNRESET }
            }
        }

        public func setSendBuffer(_ bytes: Int) {
            var value = Int32(bytes)
            setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &value, socklen_t(MemoryLayout<Int32>.size))
        }

        private func fill() -> Bool {
            var chunk = [UInt8](repeating: 0, count: 65536)
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { return false }
            buffered += chunk[0..<n]
            return true
        }

        private func setTimeout(_ seconds: Int) {
            var timeout = timeval(tv_sec: seconds, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        }
    }

    public let port: Int
    private let listener: Int32
    private let script: @Sendable (Peer) -> Void
    private let lock = NSLock()
    private var stopped = false
    private var accepted = 0

    public init(script: @escaping @Sendable (Peer) -> Void) throws {
        self.script = script
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, 128) == 0 else {
            close(fd)
            throw ClientError("scripted server: bind failed")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    deinit { stop() }

    /// Connections accepted so far.
    public var acceptedCount: Int { lock.withLock { accepted } }

    public func stop() {
        let first = lock.withLock { () -> Bool in
            defer { stopped = true }
            return !stopped
        }
        if first {
            shutdown(listener, Int32(SHUT_RDWR))
            close(listener)
        }
    }

    private func acceptLoop() {
        while true {
            let fd = accept(listener, nil, nil)
            if fd < 0 {
                if errno == EINTR { continue }
                return
            }
            lock.withLock { accepted += 1 }
            let peer = Peer(fd: fd)
            let script = self.script
            let thread = Thread {
                script(peer)
                close(fd)
            }
            thread.start()
        }
    }
}
