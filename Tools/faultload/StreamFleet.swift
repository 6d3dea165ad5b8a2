// Many event-stream clients read by one thread with poll(): one thread instead of hundreds keeps the tool from
// starving the server it measures on a small machine.
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// N open event streams and what each has received, filled by one reader thread.
final class StreamFleet: @unchecked Sendable {
    private let lock = NSLock()
    private var fds: [Int32] = []
    private var decoders: [StreamDecoder] = []
    /// Per client: the ids of the events named `counted`, in arrival order.
    private var ids: [[Int]] = []
    private var names: [[String: Int]] = []
    private var endedAt: [Double?] = []
    private var stopping = false
    private var thread: Thread?
    let counted: String

    /// Opens `count` streams on `target` (all connects started at once, heads read by the thread).
    init(port: Int, target: String, count: Int, counted: String) {
        self.counted = counted
        let request = "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAccept: text/event-stream\r\n\r\n"
        for _ in 0..<count {
            let fd = Loopback.connectBlocking(port: port)
            if fd >= 0 {
                let flags = fcntl(fd, F_GETFL)
                _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
                Loopback.send(fd, request)
            }
            fds.append(fd)
            decoders.append(StreamDecoder())
            ids.append([])
            names.append([:])
            endedAt.append(fd < 0 ? now() : nil)
        }
        let thread = Thread { [self] in run() }
        thread.name = "faultload-streams"
        self.thread = thread
        thread.start()
    }

    var count: Int { fds.count }

    /// How many clients have received an event named `name` at least once.
    func clients(thatSaw name: String) -> Int { lock.withLock { names.filter { ($0[name] ?? 0) > 0 }.count } }

    /// Each client's ids of the counted event.
    var receivedIDs: [[Int]] { lock.withLock { ids } }

    var endedCount: Int { lock.withLock { endedAt.filter { $0 != nil }.count } }

    var statuses: [Int?] { lock.withLock { decoders.map(\.status) } }

    /// Stops the reader and closes every stream.
    func stop() {
        lock.withLock { stopping = true }
        while thread?.isFinished == false { usleep(10_000) }
        for fd in fds where fd >= 0 { close(fd) }
    }

    private func run() {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let hardStop = now() + 3600
        while now() < hardStop {
            if lock.withLock({ stopping }) { return }
            var polls = [pollfd]()
            var indices = [Int]()
            lock.withLock {
                for index in fds.indices where fds[index] >= 0 && endedAt[index] == nil {
                    polls.append(pollfd(fd: fds[index], events: Int16(POLLIN), revents: 0))
                    indices.append(index)
                }
            }
            if polls.isEmpty {
                usleep(50_000)
                continue
            }
            guard poll(&polls, nfds_t(polls.count), 100) > 0 else { continue }
            for (position, entry) in polls.enumerated() where entry.revents != 0 {
                let index = indices[position]
                let n = chunk.withUnsafeMutableBytes { recv(entry.fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
                if n < 0 && (errno == EAGAIN || errno == EINTR) { continue }
                lock.withLock {
                    if n <= 0 {
                        endedAt[index] = now()
                        return
                    }
                    for event in decoders[index].feed(chunk[0..<n]) {
                        names[index][event.name, default: 0] += 1
                        if event.name == counted, let id = event.id { ids[index].append(id) }
                    }
                    if decoders[index].ended { endedAt[index] = now() }
                }
            }
        }
    }
}
