import CPexSystem

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One thread's readiness loop: accepts on the shared listening sockets, drives its own connections, runs
/// tasks handed to it from other threads, and checks connection deadlines a few times a second.
public final class EventLoop: @unchecked Sendable {
    private let poller: Int32
    private let wakeRead: Int32
    private let wakeWrite: Int32
    private let taskLock = Lock()
    private var tasks: [@Sendable () -> Void] = []
    private var connections: [Int32: Connection] = [:]
    private var listeners: Set<Int32> = []
    private unowned let server: TCPServer
    /// Set by the loop's own thread before anything else runs there; other threads read it only after `start`
    /// returned, which waits for that (ThreadSanitizer found the two writes racing when `start` set it too).
    private var thread: pthread_t?
    private let started = Condition()
    private var running = false
    private var stopping = false
    private var forceCloseAt: UInt64 = 0
    private var nextSweep: UInt64 = 0
    /// While out of file descriptors, accepting pauses (the listening socket stays readable and would spin).
    private var acceptPausedUntil: UInt64 = 0
    static let sweepInterval: UInt64 = 250

    init(server: TCPServer) throws(SocketError) {
        self.server = server
        poller = pex_poller_create()
        guard poller >= 0 else { throw SocketError.system("epoll_create1") }
        var r: Int32 = -1
        var w: Int32 = -1
        guard pex_waker_create(&r, &w) == 0 else { throw SocketError.system("eventfd") }
        wakeRead = r
        wakeWrite = w
        _ = pex_poller_add(poller, wakeRead, PEX_POLL_READ, 0)
    }

    deinit {
        _ = systemClose(poller)
        _ = systemClose(wakeRead)
        if wakeWrite != wakeRead { _ = systemClose(wakeWrite) }
    }

    /// True on this loop's own thread.
    public var inEventLoop: Bool {
        guard let thread else { return false }
        return pthread_equal(thread, pthread_self()) != 0
    }

    /// Runs `task` on this loop's thread, soon. Safe from any thread.
    public func execute(_ task: @escaping @Sendable () -> Void) {
        // One wake-up per batch: the loop takes the whole queue at once, so only the first task of a batch needs
        // to wake it (a broadcast to hundreds of event streams is then a handful of eventfd writes, not hundreds).
        let first = taskLock.withLock { () -> Bool in
            tasks.append(task)
            return tasks.count == 1
        }
        if first { pex_waker_wake(wakeWrite) }
    }

    /// Number of open connections on this loop (loop thread only).
    var connectionCount: Int { connections.count }

    func addListener(_ fd: Int32) {
        listeners.insert(fd)
        _ = pex_poller_add(poller, fd, PEX_POLL_READ, 1)
    }

    func remove(_ connection: Connection) {
        _ = pex_poller_remove(poller, connection.descriptor)
        if connections.removeValue(forKey: connection.descriptor) != nil { server.connectionClosed() }
    }

    func modify(_ connection: Connection, interest: UInt32) {
        _ = pex_poller_modify(poller, connection.descriptor, interest)
    }

    /// Begins a graceful stop: no more accepts, connections asked to finish, force-closed after `grace` ms.
    func beginStop(graceMilliseconds: UInt64) {
        execute { [self] in
            stopping = true
            forceCloseAt = MonotonicClock.nowMilliseconds() + graceMilliseconds
            for fd in listeners { _ = pex_poller_remove(poller, fd) }
            listeners.removeAll()
            for connection in Array(connections.values) {
                if let delegate = connection.delegate {
                    delegate.connectionShouldFinish(connection)
                } else {
                    connection.close()
                }
            }
        }
    }

    func start(name: String) {
        let box = Unmanaged.passRetained(self)
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        var id = pthread_t()
        let body: @convention(c) (UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? = { raw in
            guard let raw else { return nil }
            let loop = Unmanaged<EventLoop>.fromOpaque(raw).takeRetainedValue()
            loop.run()
            return nil
        }
        #if canImport(Glibc)
            pthread_create(&id, &attributes, body, box.toOpaque())
        #else
            var optional: pthread_t?
            pthread_create(&optional, &attributes, body, box.toOpaque())
        #endif
        pthread_attr_destroy(&attributes)
        _ = started.wait(until: { running }, deadline: Deadline(milliseconds: 10_000))
    }

    func join() {
        guard let thread else { return }
        pthread_join(thread, nil)
    }

    private func run() {
        thread = pthread_self()
        started.update { running = true }
        let capacity = 256
        let fds = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
        let events = UnsafeMutablePointer<UInt32>.allocate(capacity: capacity)
        let readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
        defer {
            fds.deallocate()
            events.deallocate()
            readBuffer.deallocate()
        }
        nextSweep = MonotonicClock.nowMilliseconds() + Self.sweepInterval
        while true {
            let n = pex_poller_wait(poller, fds, events, Int32(capacity), Int32(Self.sweepInterval))
            if n < 0 && errno != EINTR { break }
            for i in 0..<max(0, Int(n)) {
                let fd = fds[i]
                if fd == wakeRead {
                    pex_waker_drain(wakeRead)
                    runTasks()
                } else if listeners.contains(fd) {
                    acceptAll(fd)
                } else if let connection = connections[fd] {
                    connection.handle(events: events[i], buffer: readBuffer)
                }
            }
            let now = MonotonicClock.nowMilliseconds()
            if acceptPausedUntil != 0 && now >= acceptPausedUntil && !stopping {
                acceptPausedUntil = 0
                for fd in listeners { _ = pex_poller_add(poller, fd, PEX_POLL_READ, 1) }
            }
            if now >= nextSweep {
                nextSweep = now + Self.sweepInterval
                sweep(now: now)
            }
            if stopping {
                if connections.isEmpty { break }
                if now >= forceCloseAt {
                    for connection in Array(connections.values) { connection.close() }
                    break
                }
            }
        }
        runTasks()
    }

    private func runTasks() {
        let batch = taskLock.withLock { () -> [@Sendable () -> Void] in
            let current = tasks
            tasks.removeAll(keepingCapacity: true)
            return current
        }
        for task in batch { task() }
    }

    private func acceptAll(_ listener: Int32) {
        for _ in 0..<64 {
            let fd = pex_accept(listener)
            if fd < 0 {
                if errno == EMFILE || errno == ENFILE { pauseAccepting() }
                return
            }
            _ = pex_set_int_option(fd, Int32(IPPROTO_TCP), TCP_NODELAY, 1)
            let admitted = server.connectionOpened()
            let connection = Connection(descriptor: fd, loop: self, serial: server.nextSerial())
            connections[fd] = connection
            _ = pex_poller_add(poller, fd, PEX_POLL_READ, 0)
            connection.delegate = server.acceptor.accepted(connection, admitted: admitted)
        }
    }

    private func pauseAccepting() {
        guard acceptPausedUntil == 0 else { return }
        server.reportDescriptorExhaustion()
        acceptPausedUntil = MonotonicClock.nowMilliseconds() + 100
        for fd in listeners { _ = pex_poller_remove(poller, fd) }
    }

    private func sweep(now: UInt64) {
        for connection in Array(connections.values) where connection.deadline != 0 && connection.deadline <= now {
            connection.deadline = 0
            if let delegate = connection.delegate {
                delegate.connectionDidTimeOut(connection)
            } else {
                connection.close()
            }
        }
    }
}
