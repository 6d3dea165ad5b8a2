// Scenario b (security.md item 24): many keep-alive connections that each make one request and then stay
// idle. The server must hold them up to its connection limit, refuse the rest cleanly, and keep its memory
// bounded.
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

private enum IdleState {
    case connecting, reading, held, refused, closedWithoutResponse, reset, connectFailed
    case noAnswer(connected: Bool, bytes: Int, status: Int?)
    case otherStatus(Int)
}

func runIdleFlood(_ options: Options, _ report: Report) {
    let probe = ServerProbe(pid: options.pid)
    let wanted = options.idleConnections + 256
    let limit = raiseOwnDescriptorLimit(to: wanted)
    let count = min(options.idleConnections, max(0, limit.soft - 256))
    let rssBefore = probe.rssKilobytes
    say(
        "idle: \(count) connections (tool fd limit \(limit.soft), hard \(limit.hard)); server fd limit "
            + "\(probe.descriptorLimit.map(String.init) ?? "?"), RSS \(megabytes(rssBefore))")
    if count < options.idleConnections {
        report.row("tool fd limit", "\(limit.soft) (hard \(limit.hard)): only \(count) connections", ok: false)
    }

    let request = Array("GET \(options.staticPath) HTTP/1.1\r\nHost: 127.0.0.1:\(options.port)\r\n\r\n".utf8)
    var fds = [Int32](repeating: -1, count: count)
    var states = [IdleState](repeating: .connecting, count: count)
    var buffers = [[UInt8]](repeating: [], count: count)
    var startedAt = [Double](repeating: 0, count: count)
    var peakRSS = rssBefore ?? 0
    var nextSample = 0.0
    var opened = 0
    var chunk = [UInt8](repeating: 0, count: 65536)
    let deadline = now() + 60 + Double(count) / 100
    // At most this many connections in flight at once, so the listen queue (somaxconn) is not what is measured.
    let window = 256

    func finishOne(_ index: Int, _ state: IdleState, closeIt: Bool) {
        states[index] = state
        buffers[index] = []
        if closeIt {
            close(fds[index])
            fds[index] = -1
        }
    }

    while now() < deadline {
        let t = now()
        if t >= nextSample {
            peakRSS = max(peakRSS, probe.rssKilobytes ?? 0)
            nextSample = t + 0.1
        }
        var pending: [Int] = []
        for index in 0..<opened {
            if case .connecting = states[index] {
                pending.append(index)
            } else if case .reading = states[index] {
                pending.append(index)
            }
        }
        while opened < count && pending.count < window {
            let fd = Loopback.startConnect(port: options.port)
            startedAt[opened] = now()
            if fd < 0 {
                states[opened] = .connectFailed
            } else {
                fds[opened] = fd
                pending.append(opened)
            }
            opened += 1
        }
        if pending.isEmpty && opened == count { break }
        var polls = pending.map { index -> pollfd in
            let wantsWrite: Bool
            if case .connecting = states[index] { wantsWrite = true } else { wantsWrite = false }
            return pollfd(fd: fds[index], events: Int16(wantsWrite ? POLLOUT : POLLIN), revents: 0)
        }
        _ = poll(&polls, nfds_t(polls.count), 100)
        let t2 = now()
        for (position, entry) in polls.enumerated() {
            let index = pending[position]
            if entry.revents == 0 {
                if t2 - startedAt[index] > 10 {
                    var connected = true
                    if case .connecting = states[index] { connected = false }
                    let state = IdleState.noAnswer(
                        connected: connected, bytes: buffers[index].count, status: ResponseHead(buffers[index])?.status)
                    finishOne(index, state, closeIt: true)
                }
                continue
            }
            if case .connecting = states[index] {
                if Loopback.socketError(entry.fd) != 0 {
                    finishOne(index, .connectFailed, closeIt: true)
                    continue
                }
                Loopback.send(entry.fd, request)
                states[index] = .reading
                continue
            }
            let n = chunk.withUnsafeMutableBytes { recv(entry.fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            if n < 0 && (errno == EAGAIN || errno == EINTR) { continue }
            if n <= 0 {
                let status = ResponseHead(buffers[index])?.status
                if status == 503 {
                    finishOne(index, .refused, closeIt: true)
                } else if let status {
                    finishOne(index, .otherStatus(status), closeIt: true)
                } else {
                    finishOne(index, n == 0 ? .closedWithoutResponse : .reset, closeIt: true)
                }
                continue
            }
            buffers[index] += chunk[0..<n]
            guard let head = ResponseHead(buffers[index]) else { continue }
            if head.status == 503 { continue }  // wait for the close that must follow
            if head.status != 200 {
                finishOne(index, .otherStatus(head.status), closeIt: true)
                continue
            }
            if buffers[index].count >= head.length + (head.contentLength ?? 0) {
                finishOne(index, .held, closeIt: false)
            }
        }
    }
    // Hold: the accepted ones must stay open (the idle timeout is 60 s), the server's memory must stay flat.
    let holdUntil = now() + 5
    while now() < holdUntil {
        peakRSS = max(peakRSS, probe.rssKilobytes ?? 0)
        sleepSeconds(0.25)
    }
    var droppedWhileIdle = 0
    var held = 0
    for index in 0..<count {
        guard case .held = states[index] else { continue }
        var entry = pollfd(fd: fds[index], events: Int16(POLLIN), revents: 0)
        if poll(&entry, 1, 0) > 0 { droppedWhileIdle += 1 } else { held += 1 }
    }
    let fdsAtPeak = probe.descriptors
    let rssHeld = probe.rssKilobytes
    // While full, a newcomer is refused; once they leave, a newcomer is served again.
    for fd in fds where fd >= 0 { close(fd) }
    var recovered = false
    for _ in 0..<40 where !recovered {
        sleepSeconds(0.25)
        recovered = Loopback.get(port: options.port, options.staticPath)?.status == 200
    }

    var tally: [String: Int] = [:]
    for state in states {
        let key: String
        switch state {
        case .held: key = "200, held open"
        case .refused: key = "503 then closed"
        case .closedWithoutResponse: key = "closed without response"
        case .reset: key = "reset"
        case .connectFailed: key = "connect failed"
        case .noAnswer(let connected, let bytes, let status):
            key =
                !connected
                ? "connect unfinished in 10 s"
                : status.map { "\($0) but no close in 10 s" }
                    ?? "no answer in 10 s (\(bytes > 0 ? "partial" : "nothing"))"
        case .connecting, .reading: key = "unfinished"
        case .otherStatus(let status): key = "status \(status)"
        }
        tally[key, default: 0] += 1
    }
    let accepted = tally["200, held open"] ?? 0
    let refusedCleanly = tally["503 then closed"] ?? 0
    let expectedAccepted = min(count, options.maxConnections)
    report.row("connections opened", "\(count)")
    report.row(
        "200 and held open", "\(accepted)", target: "~\(expectedAccepted) (the limit)",
        ok: accepted >= expectedAccepted - 8 && accepted <= expectedAccepted)
    report.row("refused: 503 then close", "\(refusedCleanly)", target: "the rest")
    for (key, value) in tally.sorted(by: { $0.key < $1.key }) where key != "200, held open" && key != "503 then closed"
    {
        report.row("refused: \(key)", "\(value)", target: "0", ok: value == 0)
    }
    report.row("held ones still open after 5 s idle", "\(held) (\(droppedWhileIdle) closed)", ok: droppedWhileIdle == 0)
    report.row("server fds while full", fdsAtPeak.map(String.init) ?? "?")
    report.row(
        "server RSS", "before \(megabytes(rssBefore)), peak \(megabytes(peakRSS)), held \(megabytes(rssHeld))",
        target: "< 64 MB", ok: peakRSS < 64 * 1024)
    report.row(
        "fd limits",
        "server soft \(probe.descriptorLimit.map(String.init) ?? "?"), tool soft \(limit.soft) / hard \(limit.hard)",
        ok: (probe.descriptorLimit ?? 0) > options.maxConnections + 64)
    report.row("served again after they left", recovered ? "yes" : "no", ok: recovered)
}
