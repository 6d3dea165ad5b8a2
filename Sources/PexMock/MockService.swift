import Dispatch
public import PexHTTP
import PexSockets

/// The mock node made safe to share: one lock around `MockNode`, event delivery to every open stream in
/// order, and a timer that runs scenario timelines and dial follow-ups when they fall due.
public final class MockService: @unchecked Sendable {
    private let lock = Lock()
    private var node: MockNode
    private let clock: any MockClock
    private let log: any LogSink
    private var subscribers: [Int: [Int: Subscriber]] = [:]
    private var nextSubscriber = 0
    /// Per-conference event ids (`id:` lines), so a client can tell it missed nothing.
    private var sequence: [Int: Int] = [:]
    private let queue = DispatchQueue(label: "pexdev.mock.timeline")
    private var timer: (any DispatchSourceTimer)?
    private var heartbeat: (any DispatchSourceTimer)?
    /// Off in tests that drive the clock by hand.
    private let automatic: Bool

    private struct Subscriber {
        var participantUUID: String
        var sink: any MockEventSink
    }

    public init(
        node: MockNode, clock: any MockClock = SystemMockClock(), log: any LogSink = SilentLog(),
        automatic: Bool = true, heartbeatSeconds: Double = 15
    ) {
        self.node = node
        self.clock = clock
        self.log = log
        self.automatic = automatic
        if automatic {
            let heartbeat = DispatchSource.makeTimerSource(queue: queue)
            let interval = DispatchTimeInterval.milliseconds(Int(heartbeatSeconds * 1000))
            heartbeat.schedule(deadline: .now() + interval, repeating: interval)
            heartbeat.setEventHandler { [weak self] in self?.sendHeartbeat() }
            heartbeat.resume()
            self.heartbeat = heartbeat
            lock.withLock { scheduleTimer() }
        }
    }

    deinit {
        timer?.cancel()
        heartbeat?.cancel()
    }

    /// Stops the timers and ends every open stream.
    public func shutdown() {
        let sinks = lock.withLock { () -> [any MockEventSink] in
            timer?.cancel()
            heartbeat?.cancel()
            let all = subscribers.values.flatMap { $0.values.map(\.sink) }
            subscribers.removeAll()
            return all
        }
        for sink in sinks { sink.finish() }
    }

    /// A copy of the state, for tests and the control endpoint's listing.
    public var snapshot: MockNode { lock.withLock { node } }

    /// Answers one API call and delivers what it caused.
    public func handle(_ call: MockCall) -> MockReply {
        lock.withLock {
            let reply = node.handle(call, now: clock.now())
            deliver()
            return reply
        }
    }

    /// Runs whatever fell due (the timer calls this; tests call it after moving their clock).
    public func advance() {
        lock.withLock {
            node.advance(to: clock.now())
            deliver()
        }
    }

    /// Runs a scripted action in the conference an alias reaches.
    public func perform(_ action: MockAction, alias: String) -> Result<MockJSON, MockActionError> {
        lock.withLock {
            let now = clock.now()
            node.advance(to: now)
            guard let conference = node.conferenceIndex(alias: alias) else {
                deliver()
                return .failure(MockActionError(status: 404, message: "no conference with alias '\(alias)'"))
            }
            let result: Result<MockJSON, MockActionError>
            do throws(MockActionError) {
                result = .success(try node.perform(action, in: conference, now: now))
            } catch {
                result = .failure(error)
            }
            deliver()
            return result
        }
    }

    /// Puts a conference back as configured (participants, settings, timeline restarted).
    public func reset(alias: String) -> Bool {
        lock.withLock {
            guard let conference = node.conferenceIndex(alias: alias) else { return false }
            node.reset(conference: conference, now: clock.now())
            deliver()
            return true
        }
    }

    /// Why a stream for this alias and token would be refused, or nil if it would open.
    public func refusal(alias: String, token: String?) -> MockReply? {
        lock.withLock {
            let now = clock.now()
            guard let conference = node.conferenceIndex(alias: alias) else { return .unknownConference }
            guard let session = node.session(token: token, now: now), session.conferenceIndex == conference else {
                return .invalidToken
            }
            return nil
        }
    }

    /// An id for `open`, known before the stream exists so its close callback can name it.
    public func reserveSubscriberID() -> Int {
        lock.withLock {
            nextSubscriber += 1
            return nextSubscriber
        }
    }

    /// Opens an event stream for a session: the initial sync block goes out at once, then every change in
    /// order. Returns the reply to send instead (unknown conference, bad token), or nil when open.
    @discardableResult
    public func open(id: Int, alias: String, token: String?, sink: any MockEventSink) -> MockReply? {
        lock.withLock {
            let now = clock.now()
            node.advance(to: now)
            deliver()
            guard let conference = node.conferenceIndex(alias: alias) else { return .unknownConference }
            guard let session = node.session(token: token, now: now), session.conferenceIndex == conference else {
                return .invalidToken
            }
            guard sink.isOpen else { return nil }  // the client left already; its close ran before this
            let state = node.conferences[conference]
            var sync: [(String, MockJSON)] = [("participant_sync_begin", .object([]))]
            sync += state.participants.map { ("participant_create", $0.restObject) }
            sync += [
                ("participant_sync_end", .object([])), ("conference_update", state.statusObject),
                ("layout", state.layoutObject),
            ]
            var bytes: [UInt8] = []
            for (name, data) in sync { bytes += encode(name, data, conference: conference) }
            sink.send(bytes)
            subscribers[conference, default: [:]][id] = Subscriber(participantUUID: session.participantUUID, sink: sink)
            return nil
        }
    }

    /// Forgets a subscriber whose stream ended (client gone).
    public func close(subscriber id: Int) {
        lock.withLock {
            for conference in subscribers.keys { subscribers[conference]?[id] = nil }
        }
    }

    /// Number of open event streams (tests, diagnostics).
    public var streamCount: Int { lock.withLock { subscribers.values.reduce(0) { $0 + $1.count } } }

    // MARK: delivery (lock held)

    private func deliver() {
        let (events, ended) = node.takeEvents()
        for event in events {
            guard let listeners = subscribers[event.conferenceIndex], !listeners.isEmpty else {
                _ = nextSequence(event.conferenceIndex)
                continue
            }
            let bytes = encode(event.name, event.data, conference: event.conferenceIndex)
            for subscriber in listeners.values {
                if let except = event.except, subscriber.participantUUID == except { continue }
                if let only = event.only, subscriber.participantUUID != only { continue }
                subscriber.sink.send(bytes)
            }
        }
        if !ended.isEmpty {
            let gone = Set(ended)
            for (conference, listeners) in subscribers {
                for (id, subscriber) in listeners where gone.contains(subscriber.participantUUID) {
                    subscriber.sink.finish()
                    subscribers[conference]?[id] = nil
                }
            }
        }
        if automatic { scheduleTimer() }
    }

    private func nextSequence(_ conference: Int) -> Int {
        let next = (sequence[conference] ?? 0) + 1
        sequence[conference] = next
        return next
    }

    private func encode(_ name: String, _ data: MockJSON, conference: Int) -> [UInt8] {
        ServerSentEvent(event: name, data: data.text, id: String(nextSequence(conference))).bytes
    }

    /// One timer, set for whatever is due next (nothing runs while nothing is scheduled).
    private func scheduleTimer() {
        timer?.cancel()
        timer = nil
        guard let due = node.nextDueTime() else { return }
        let delay = max(0, due - clock.now())
        let source = DispatchSource.makeTimerSource(queue: queue)
        source.schedule(deadline: .now() + .milliseconds(Int((delay * 1000).rounded(.up)) + 1))
        source.setEventHandler { [weak self] in self?.advance() }
        source.resume()
        timer = source
    }

    private func sendHeartbeat() {
        lock.withLock {
            let bytes = ServerSentEvent.comment("keep-alive")
            for listeners in subscribers.values {
                for subscriber in listeners.values { subscriber.sink.send(bytes) }
            }
        }
    }
}
