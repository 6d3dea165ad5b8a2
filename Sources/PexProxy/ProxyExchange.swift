import PexHTTP
import PexSockets

/// One request forwarded to the node and its answer brought back, on its own thread: the answer is read
/// whole and sent with a length when small, or streamed piece by piece as it arrives (event streams, large
/// bodies) at the pace the browser reads. The browser leaving cancels the upstream request at once.
final class ProxyExchange: @unchecked Sendable {
    private let request: HTTPRequest
    private let responder: HTTPResponder
    private let proxy: NodeProxy
    private let lock = Lock()
    private var cancelled = false
    private var current: UpstreamConnection?
    private let startedAt = MonotonicClock.nowMilliseconds()

    init(request: HTTPRequest, responder: HTTPResponder, proxy: NodeProxy) {
        self.request = request
        self.responder = responder
        self.proxy = proxy
    }

    private var configuration: ProxyConfiguration { proxy.configuration }
    private var node: NodeAddress { proxy.configuration.node }
    private var isCancelled: Bool { lock.withLock { cancelled } }

    /// Any thread: the browser went away.
    func cancel() {
        let connection = lock.withLock { () -> UpstreamConnection? in
            cancelled = true
            return current
        }
        connection?.cancel()
    }

    private func use(_ connection: UpstreamConnection) throws(ProxyFailure) {
        let proceed = lock.withLock { () -> Bool in
            current = connection
            return !cancelled
        }
        if !proceed { throw ProxyFailure(.cancelled, "the browser went away") }
    }

    func run() {
        responder.onCancel { [self] in cancel() }
        var outcome = Outcome()
        do {
            try forward(&outcome)
        } catch {
            fail(error, outcome: &outcome)
        }
        let elapsed = Double(MonotonicClock.nowMilliseconds() - startedAt)
        let status = outcome.status.map(String.init) ?? "-"
        let end = isCancelled ? " (browser left)" : ""
        proxy.log.log(
            .access,
            "node \(request.method) \(Redaction.target(request.target)) \(status) \(Int(elapsed)) ms \(outcome.bytes) B\(end)"
        )
    }

    /// What the browser got, for the log line and the failure path.
    private struct Outcome {
        var status: Int?
        var bytes = 0
        var stream: HTTPStream?
        var isEventStream = false
        /// The last two bytes streamed, to know whether an event ended (a blank line) before adding one.
        var tail: [UInt8] = [0x0A, 0x0A]
    }

    private func forward(_ outcome: inout Outcome) throws(ProxyFailure) {
        let message = upstreamRequest()
        let (connection, head, leftover) = try send(message)
        let framing = try head.framing(method: request.method)
        let contentType = (head.headers["Content-Type"] ?? "").lowercased()
        outcome.isEventStream = contentType.hasPrefix("text/event-stream")
        let inject =
            configuration.htmlInjection != nil && request.method == "GET" && contentType.hasPrefix("text/html")
            && request.path.hasPrefix("/webapp2/")
        var reader = BodyReader(connection: connection, framing: framing, leftover: leftover)
        var headers = ProxyHeaders.downstream(head.headers, node: node)
        let status = HTTPStatus(head.status, printable(head.reason, status: head.status))

        // Small answers whole: a Content-Length and a kept-alive browser connection.
        var body: [UInt8] = []
        let limit = inject ? 4 * configuration.bufferLimit : configuration.bufferLimit
        while !outcome.isEventStream && body.count <= limit {
            guard let piece = try reader.next(idle: bodyDeadline(), what: "response body") else { break }
            body += piece
        }
        if reader.isFinished && !outcome.isEventStream {
            if inject, let tag = configuration.htmlInjection {
                body = HTMLInjection.inject(tag, into: body)
                for name in ["ETag", "Last-Modified", "Content-MD5", "Cache-Control"] { headers.remove(name) }
                headers.add("Cache-Control", "no-store")
            }
            outcome.status = head.status
            outcome.bytes = body.count
            responder.send(HTTPResponse(status: status, headers: headers, body: body))
            recycle(connection, reader)
            return
        }

        // The rest as it comes.
        if outcome.isEventStream { headers.set("Cache-Control", "no-store") }
        if inject {
            proxy.log.log(
                .warning,
                "node page \(request.path) is larger than \(limit >> 20) MiB: sent without pexdev's reload script")
        }
        let stream = responder.startStream(HTTPResponse(status: status, headers: headers)) { [self] in cancel() }
        outcome.stream = stream
        outcome.status = head.status
        try pass(body, to: stream, &outcome)
        let idleLimit = outcome.isEventStream ? configuration.streamIdleTimeoutMilliseconds : 0
        while let piece = try reader.next(
            idle: idleLimit > 0 ? Deadline(milliseconds: idleLimit) : bodyDeadline(),
            what: outcome.isEventStream ? "event for \(idleLimit / 1000) s" : "response body")
        {
            try pass(piece, to: stream, &outcome)
        }
        if isCancelled { return }
        stream.finish()
        recycle(connection, reader)
    }

    private func bodyDeadline() -> Deadline { Deadline(milliseconds: configuration.bodyIdleTimeoutMilliseconds) }

    /// Hands one piece to the browser, then waits while it is more than a window behind.
    private func pass(_ piece: [UInt8], to stream: HTTPStream, _ outcome: inout Outcome) throws(ProxyFailure) {
        guard !piece.isEmpty else { return }
        stream.send(piece)
        outcome.bytes += piece.count
        outcome.tail = Array((outcome.tail + piece).suffix(2))
        let window = Deadline(milliseconds: configuration.clientStallTimeoutMilliseconds)
        if !stream.waitForRoom(below: configuration.streamWindow, deadline: window) {
            if !stream.isOpen || isCancelled { throw ProxyFailure(.cancelled, "the browser went away") }
            stream.abort()
            throw ProxyFailure(
                .cancelled,
                "the browser read nothing for \(configuration.clientStallTimeoutMilliseconds / 1000) s; dropped it")
        }
    }

    /// Sends the request over a pooled connection if one is idle (once more on a fresh one if that turns out to
    /// be stale: the node may close idle connections at any time), else over a new one.
    private func send(_ message: [UInt8]) throws(ProxyFailure) -> (UpstreamConnection, UpstreamResponseHead, [UInt8]) {
        if let pooled = proxy.pool.take() {
            try use(pooled)
            do {
                return try exchange(message, over: pooled, reused: true)
            } catch let failure where failure.kind == .unreachable && !isCancelled {
                // Stale: the node closed it before reading anything; nothing reached the application.
            }
        }
        let fresh = try UpstreamConnection.open(
            to: node, tls: proxy.tls, deadline: Deadline(milliseconds: configuration.connectTimeoutMilliseconds))
        try use(fresh)
        return try exchange(message, over: fresh, reused: false)
    }

    private func exchange(_ message: [UInt8], over connection: UpstreamConnection, reused: Bool) throws(ProxyFailure)
        -> (UpstreamConnection, UpstreamResponseHead, [UInt8])
    {
        let deadline = Deadline(milliseconds: configuration.responseTimeoutMilliseconds)
        do {
            try connection.write(message, deadline: deadline)
        } catch {
            if reused { throw ProxyFailure(.unreachable, "stale connection") }
            throw error
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = try connection.read(into: &buffer, deadline: deadline, what: "response")
            if count == 0 {
                if isCancelled { throw ProxyFailure(.cancelled, "the browser went away") }
                // A kept-alive connection the node closed before reading: safe to send again on a new one, unless
                // the request changes state and the node might have acted on it before closing.
                if received.isEmpty && reused && ["GET", "HEAD", "OPTIONS"].contains(request.method) {
                    throw ProxyFailure(.unreachable, "stale connection")
                }
                throw ProxyFailure(
                    .badResponse,
                    received.isEmpty
                        ? "\(node.endpoint) closed the connection without answering"
                        : "\(node.endpoint) closed the connection in the middle of the response headers")
            }
            received += buffer[0..<count]
            if let (head, consumed) = try ResponseHeadParser.parse(received) {
                return (connection, head, Array(received[consumed...]))
            }
        }
    }

    /// The request line, rewritten headers and body, as bytes for the node.
    private func upstreamRequest() -> [UInt8] {
        var headers = ProxyHeaders.upstream(request, node: node)
        if !request.body.isEmpty || ["POST", "PUT", "PATCH"].contains(request.method) {
            headers.add("Content-Length", String(request.body.count))
        }
        var text = "\(request.method) \(request.target) HTTP/1.1\r\n"
        for field in headers { text += "\(field.name): \(field.value)\r\n" }
        text += "\r\n"
        return Array(text.utf8) + request.body
    }

    /// Back to the pool when the answer ended cleanly and the browser is still there.
    private func recycle(_ connection: UpstreamConnection, _ reader: BodyReader) {
        let reusable = reader.isFinished && reader.isCleanEnd && !isCancelled
        lock.withLock { current = nil }
        if reusable { proxy.pool.put(connection) } else { connection.cancel() }
    }

    private func fail(_ failure: ProxyFailure, outcome: inout Outcome) {
        let connection = lock.withLock { () -> UpstreamConnection? in
            defer { current = nil }
            return current
        }
        connection?.cancel()
        if failure.kind == .cancelled || isCancelled { return }
        proxy.logFailure("node \(request.method) \(Redaction.target(request.path)) → \(failure.message)")
        guard let stream = outcome.stream else {
            outcome.status = failure.status.code
            responder.send(failure.response(node: node))
            return
        }
        if outcome.isEventStream {
            // Said on the stream, then ended: the shell shows why and EventSource reconnects.
            let separator: [UInt8] = outcome.tail == [0x0A, 0x0A] ? [] : [0x0A, 0x0A]
            let event = ServerSentEvent(event: "pexdev_proxy", data: failure.eventData)
            stream.send(separator + Array(": pexdev proxy: \(oneLine(failure.message))\n".utf8) + event.bytes)
            stream.finish()
        } else {
            stream.abort()
        }
    }

    private func oneLine(_ text: String) -> String {
        String(text.map { $0 == "\n" || $0 == "\r" ? " " : $0 })
    }

    /// The node's reason phrase if it is plain text, else the standard one.
    private func printable(_ reason: String, status: Int) -> String {
        let clean = reason.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }
        return clean && !reason.isEmpty ? reason : (status < 400 ? "OK" : "Error")
    }
}
