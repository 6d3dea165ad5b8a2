import Dispatch
import PexHTTP
import PexSockets

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `/__pexdev/events`: the server-sent events the shell's reload client listens to — `hello` (with a boot
/// id, so a browser that reconnects to a restarted server reloads fully), `reload`, `diagnostics` — plus a
/// keep-alive comment every 15 s.
final class DevEventHub: @unchecked Sendable {
    /// Different on every start; the shell compares it on reconnect.
    let bootID = String(UInt64.random(in: 1...UInt64.max), radix: 36)
    private let lock = Lock()
    private var streams: [Int: HTTPStream] = [:]
    private var nextID = 0
    private var sequence = 0
    private var heartbeat: (any DispatchSourceTimer)?
    /// What a newly connected shell needs to know first (mode, brandingID, pending changes), as JSON.
    private var hello = HelloPayload(bootID: "", mode: "live", watcher: "", brandingID: nil, pending: [])

    init(heartbeatSeconds: Int = 15) {
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "pexdev.events-heartbeat"))
        timer.schedule(deadline: .now() + .seconds(heartbeatSeconds), repeating: .seconds(heartbeatSeconds))
        timer.setEventHandler { [weak self] in self?.broadcast(ServerSentEvent.comment("keep-alive")) }
        timer.resume()
        heartbeat = timer
    }

    func stop() {
        let open = lock.withLock { () -> [HTTPStream] in
            heartbeat?.cancel()
            defer { streams.removeAll() }
            return Array(streams.values)
        }
        for stream in open { stream.finish() }
    }

    var count: Int { lock.withLock { streams.count } }

    /// Sets what `hello` carries from now on.
    func setHello(mode: String, watcher: String, brandingID: String?, pending: [String]) {
        lock.withLock {
            hello = HelloPayload(bootID: bootID, mode: mode, watcher: watcher, brandingID: brandingID, pending: pending)
        }
    }

    /// Starts a stream: `retry`, then `hello`, then whatever is broadcast.
    func open(_ responder: HTTPResponder) {
        let id = lock.withLock { () -> Int in
            nextID += 1
            return nextID
        }
        let stream = responder.startStream(ServerSentEvent.responseHead) { [weak self] in
            self?.lock.withLock { _ = self?.streams.removeValue(forKey: id) }
        }
        lock.withLock {
            var bytes = Array("retry: 1000\n\n".utf8)
            var greeting = hello
            greeting.bootID = bootID
            bytes += ServerSentEvent(event: "hello", data: Self.json(greeting), id: String(sequence)).bytes
            stream.send(bytes)
            if stream.isOpen { streams[id] = stream }
        }
    }

    /// Sends one event to every connected shell.
    func send(_ name: String, _ payload: some Encodable) {
        let data = Self.json(payload)
        lock.withLock {
            sequence += 1
            let bytes = ServerSentEvent(event: name, data: data, id: String(sequence)).bytes
            for stream in streams.values { stream.send(bytes) }
        }
    }

    private func broadcast(_ bytes: [UInt8]) {
        lock.withLock { for stream in streams.values { stream.send(bytes) } }
    }

    static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}

/// The `hello` event's data.
struct HelloPayload: Encodable {
    var bootID: String
    var mode: String
    var watcher: String
    var brandingID: String?
    var pending: [String]
}

/// `GET /__pexdev/events`, same-origin only (security.md item 3: an event stream any page could open would
/// leak file names and diagnostics).
struct DevEventsHandler: HTTPHandler {
    let hub: DevEventHub

    func handle(_ request: HTTPRequest, responder: HTTPResponder) {
        guard request.method == "GET" || request.method == "HEAD" else {
            responder.send(
                HTTPError(.methodNotAllowed, "the event stream is read-only (GET)", headers: [("Allow", "GET, HEAD")])
                    .response)
            return
        }
        if let refusal = OriginPolicy.refusal(for: request) {
            responder.send(refusal.response)
            return
        }
        hub.open(responder)
    }
}
