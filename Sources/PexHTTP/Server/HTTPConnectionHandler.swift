import PexSockets

/// Drives one connection: feeds the parser, dispatches requests one at a time in order (pipelining),
/// writes responses, and applies the header, idle and write timeouts.
/// Loop-confined like its `Connection`; other threads reach it only through `loop.execute`.
final class HTTPConnectionHandler: ConnectionDelegate, @unchecked Sendable {
    let connection: Connection
    private let server: HTTPServerCore
    private var parser: HTTPRequestParser
    private var inFlight: HTTPResponder?
    /// No further requests are read; the connection closes once output is drained.
    private var closing = false
    /// Output drained and write side shut: now only waiting for the peer's end-of-stream.
    private var lingering = false
    private var peerDone = false
    /// Whether a server-side close waits for the peer's end first (see `complete`).
    private var lingerOnClose = true
    private var requestStartedAt: UInt64 = 0
    private var dispatching = false
    /// The in-flight request's streamed body, once its handler chose to stream.
    private var stream: HTTPStream?
    /// A stream client that stops reading is dropped once this much is queued for it, so one stalled
    /// browser tab cannot grow the server's memory without bound.
    static let streamBacklogLimit = 4 << 20

    init(connection: Connection, server: HTTPServerCore) {
        self.connection = connection
        self.server = server
        self.parser = HTTPRequestParser(limits: server.configuration.limits)
        connection.deadline = MonotonicClock.nowMilliseconds() + server.configuration.idleTimeoutMilliseconds
    }

    /// Answers 503 at once: the server is at its connection limit.
    func refuseBusy() {
        let error = HTTPError(
            .serviceUnavailable,
            "pexdev is at its limit of \(server.configuration.maxConnections) open connections; retry shortly",
            headers: [("Retry-After", "1")])
        fail(error, log: false)
    }

    // MARK: ConnectionDelegate

    func connection(_ connection: Connection, didRead bytes: UnsafeRawBufferPointer) {
        if closing { return }  // discarding: an error response is on its way or done
        if stream != nil { return }  // a stream's client has nothing more to say; reading only notices it leave
        if !parser.isInsideRequest { requestStartedAt = MonotonicClock.nowMilliseconds() }
        parser.append(bytes)
        processRequests()
    }

    func connectionDidReadEnd(_ connection: Connection) {
        peerDone = true
        // Like nginx, a client that stops sending while its request is worked on has given up on it: a handler
        // that can (the proxy) abandons the work instead of finishing it for nobody.
        inFlight?.cancel()
        if stream != nil {
            // An event-stream client that closes its side has gone away (EventSource never half-closes).
            connection.close()
            return
        }
        if lingering || (inFlight == nil && !connection.hasPendingOutput) {
            connection.close()
        } else {
            closing = true
        }
    }

    func connectionDidDrain(_ connection: Connection) {
        if closing {
            if inFlight != nil { return }
            if peerDone || !lingerOnClose {
                connection.close()
                return
            }
            lingering = true
            connection.shutdownWrite()
            connection.deadline = MonotonicClock.nowMilliseconds() + 2_000
            return
        }
        if inFlight == nil {
            connection.setReading(true)
            processRequests()
        }
        stream?.noteWritten(0, backlog: 0)
    }

    func connectionDidTimeOut(_ connection: Connection) {
        if lingering || closing || connection.hasPendingOutput {
            connection.close()
        } else if inFlight != nil {
            // A handler is still working (e.g. a long-lived stream); it owns the timing.
            return
        } else if parser.isInsideRequest {
            let what = parser.isReadingHead ? "request headers" : "request body"
            fail(HTTPError(.requestTimeout, "the \(what) did not arrive in time"), log: true, level: .info)
        } else {
            connection.close()
        }
    }

    func connectionShouldFinish(_ connection: Connection) {
        closing = true
        if let stream {
            finishStream(stream)
            return
        }
        if inFlight == nil && !connection.hasPendingOutput { connection.close() }
    }

    func connectionDidClose(_ connection: Connection) {
        inFlight?.cancel()
        inFlight = nil
        let ended = stream
        stream = nil
        ended?.markClosed()
    }

    // MARK: requests

    private func processRequests() {
        guard !dispatching else { return }
        dispatching = true
        defer { dispatching = false }
        while inFlight == nil && !closing && !connection.isClosed {
            if connection.hasPendingOutput {
                // Back-pressure: a client that pipelines without reading gets no more work done for it.
                connection.setReading(false)
                connection.deadline = MonotonicClock.nowMilliseconds() + server.configuration.writeTimeoutMilliseconds
                return
            }
            let next: HTTPRequest?
            do {
                next = try parser.next()
            } catch {
                fail(error, log: true)
                return
            }
            guard let request = next else {
                if parser.expectsContinue {
                    parser.acknowledgeContinue()
                    connection.write([.bytes(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))])
                }
                armTimeout()
                return
            }
            dispatch(request)
            if parser.isInsideRequest { requestStartedAt = MonotonicClock.nowMilliseconds() }
        }
    }

    private func armTimeout() {
        let configuration = server.configuration
        if parser.isInsideRequest {
            let allowance =
                parser.isReadingHead ? configuration.headerTimeoutMilliseconds : configuration.bodyTimeoutMilliseconds
            connection.deadline = requestStartedAt + allowance
        } else {
            connection.deadline = MonotonicClock.nowMilliseconds() + configuration.idleTimeoutMilliseconds
        }
    }

    private func dispatch(_ request: HTTPRequest) {
        let responder = HTTPResponder(connection: self, request: request, startedAt: requestStartedAt)
        inFlight = responder
        connection.deadline = 0
        if !server.configuration.hosts.allows(hostHeader: request.headers["Host"]) {
            responder.send(server.configuration.hosts.refusal(hostHeader: request.headers["Host"] ?? "").response)
            return
        }
        server.handler.handle(request, responder: responder)
    }

    /// Called on the loop by `HTTPResponder.send`.
    func complete(_ responder: HTTPResponder, with response: HTTPResponse) {
        guard inFlight === responder, !connection.isClosed else { return }
        inFlight = nil
        let keepAlive = responder.keepAlive && !closing && !server.isStopping
        let bodyAllowed = !responder.isHead && response.status.code != 304 && response.status.code != 204
        write(response, keepAlive: keepAlive, bodyAllowed: bodyAllowed)
        if server.configuration.accessLog && responder.accessLogged {
            let elapsed = Double(MonotonicClock.nowMilliseconds() - responder.startedAt)
            let bytes = bodyAllowed ? response.body.count : 0
            server.log.log(
                .access,
                "\(responder.method) \(Redaction.target(responder.target)) \(response.status.code) \(bytes) B \(Int(elapsed)) ms"
            )
        }
        if !keepAlive {
            closing = true
            // Lingering (half-close, then wait for the peer's end) only protects a response from a reset when
            // unread input is left; after a complete request with nothing more buffered, close right away.
            lingerOnClose = parser.bufferedCount > 0 || parser.isInsideRequest
            if !connection.hasPendingOutput { connectionDidDrain(connection) }
            return
        }
        if !dispatching {
            // Answered later than the dispatch: pick up any pipelined request that waited.
            processRequests()
        }
    }

    /// Called on the loop by `HTTPResponder.startStream`.
    func beginStream(_ responder: HTTPResponder, head: HTTPResponse, stream: HTTPStream) {
        guard inFlight === responder, !connection.isClosed else {
            stream.markClosed()
            return
        }
        self.stream = stream
        connection.deadline = 0
        // Whatever the client pipelined behind a stream will never be answered; a stream ends its connection.
        connection.write([
            .bytes(head.head(date: HTTPDate.now(), keepAlive: false, framing: stream.chunked ? .chunked : .close))
        ])
        if server.configuration.accessLog && responder.accessLogged {
            server.log.log(
                .access, "\(responder.method) \(Redaction.target(responder.target)) \(head.status.code) stream opened")
        }
        if responder.isHead {
            inFlight = nil
            closing = true
            connection.closeAfterDrain()
        }
    }

    func streamWrite(_ stream: HTTPStream, _ bytes: [UInt8]) {
        defer { stream.noteWritten(bytes.count, backlog: connection.isClosed ? 0 : connection.pendingOutputBytes) }
        guard self.stream === stream, !connection.isClosed else { return }
        if connection.pendingOutputBytes > Self.streamBacklogLimit {
            server.log.log(
                .info,
                "dropping an event-stream client that stopped reading (\(connection.pendingOutputBytes) bytes queued)")
            connection.close()
            return
        }
        connection.write(stream.framed(bytes))
    }

    /// Ends a stream without its last chunk: the client sees a cut-off body, not a complete one.
    func abortStream(_ stream: HTTPStream) {
        guard self.stream === stream, !connection.isClosed else { return }
        connection.close()
    }

    func finishStream(_ stream: HTTPStream) {
        guard self.stream === stream, !connection.isClosed else { return }
        if stream.chunked { connection.write([.bytes(Array("0\r\n\r\n".utf8))]) }
        inFlight = nil
        closing = true
        connection.closeAfterDrain()
    }

    private func fail(_ error: HTTPError, log: Bool, level: LogLevel = .warning) {
        if log {
            server.log.log(
                level, "closing connection after \(error.status.code) \(error.status.reason): \(error.message)")
        }
        inFlight = nil
        closing = true
        write(error.response, keepAlive: false, bodyAllowed: true)
        if !connection.hasPendingOutput { connectionDidDrain(connection) }
    }

    /// Head and body in one write (one writev, or writev then sendfile).
    private func write(_ response: HTTPResponse, keepAlive: Bool, bodyAllowed: Bool) {
        let head = response.head(date: HTTPDate.now(), keepAlive: keepAlive)
        switch response.body {
        case .bytes(let bytes) where bodyAllowed && !bytes.isEmpty:
            connection.write([.bytes(head), .bytes(bytes)])
        case .file(let region) where bodyAllowed && region.count > 0:
            connection.write([.bytes(head), .file(region)])
        default:
            connection.write([.bytes(head)])
        }
    }
}
