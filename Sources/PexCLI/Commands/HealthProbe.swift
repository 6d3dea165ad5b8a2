import PexSockets

/// One GET of `/__pexdev/health` and the judgement of its reply, kept apart so the judgement is tested on bytes.
enum HealthProbe {
    /// Replies larger than this are not a health answer; reading stops there.
    static let replyLimit = 65_536

    /// nil when the server answered healthy; otherwise the one-line reason.
    static func check(_ options: HealthOptions) -> String? {
        let request =
            "GET \(HealthCommand.path) HTTP/1.1\r\nHost: \(options.authority)\r\n"
            + "User-Agent: pexdev-health/\(PexdevVersion.current)\r\nAccept: application/json\r\n"
            + "Connection: close\r\n\r\n"
        let reply: [UInt8]
        do {
            let socket = try ClientSocket.connect(
                host: options.connectHost, port: options.port, timeoutMilliseconds: options.timeoutMilliseconds)
            try socket.send(Array(request.utf8))
            reply = try socket.receiveToEnd(limit: replyLimit)
        } catch {
            return error.description
        }
        return verdict(reply)
    }

    /// nil for `HTTP/1.x 200` with a `{"status":"ok"}` body (blanks allowed), else what was wrong.
    static func verdict(_ reply: [UInt8]) -> String? {
        guard !reply.isEmpty else { return "the server closed the connection without a reply" }
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let end = reply.firstRange(of: separator) else { return "the reply is not HTTP (no complete head)" }
        let head = String(decoding: reply[..<end.lowerBound], as: UTF8.self)
        let statusLine = head.split(separator: "\r\n", maxSplits: 1).first.map(String.init) ?? ""
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let status = Int(parts[1]) else {
            return "the reply is not HTTP: \(statusLine.prefix(60))"
        }
        guard status == 200 else { return "answered \(statusLine.dropFirst(parts[0].count + 1)), not 200" }
        let body = String(decoding: reply[end.upperBound...], as: UTF8.self)
        let compact = body.filter { !$0.isWhitespace }
        guard compact == #"{"status":"ok"}"# else {
            return "answered 200 but not {\"status\":\"ok\"}: \(body.prefix(60))"
        }
        return nil
    }
}
