import PexSockets

/// Idle keep-alive connections to the node, newest first, so a burst of API calls does not pay a TCP and TLS
/// handshake each. A connection is taken by one exchange at a time and only returned after a complete answer.
final class UpstreamPool: @unchecked Sendable {
    private let lock = Lock()
    private var idle: [UpstreamConnection] = []
    private let capacity: Int
    private let maxIdleMilliseconds: UInt64

    init(capacity: Int, maxIdleMilliseconds: Int) {
        self.capacity = capacity
        self.maxIdleMilliseconds = UInt64(max(maxIdleMilliseconds, 1))
    }

    /// The newest idle connection still fit for a request, if any.
    func take() -> UpstreamConnection? {
        let now = MonotonicClock.nowMilliseconds()
        while let connection = lock.withLock({ idle.popLast() }) {
            if now - connection.idleSince < maxIdleMilliseconds && connection.isReusable { return connection }
        }
        return nil
    }

    func put(_ connection: UpstreamConnection) {
        connection.idleSince = MonotonicClock.nowMilliseconds()
        connection.uses += 1
        let evicted = lock.withLock { () -> UpstreamConnection? in
            idle.append(connection)
            return idle.count > capacity ? idle.removeFirst() : nil
        }
        evicted?.cancel()
    }

    var idleCount: Int { lock.withLock { idle.count } }

    func closeAll() {
        let all = lock.withLock { () -> [UpstreamConnection] in
            defer { idle.removeAll() }
            return idle
        }
        for connection in all { connection.cancel() }
    }
}
