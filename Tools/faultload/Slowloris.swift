// Scenario a (security.md item 23): slow header senders while wrk measures normal traffic. Each slow
// connection sends one byte of a request head every `byteInterval` seconds; the server must close each at its
// header timeout (408, then close), and normal clients must keep most of their throughput.
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// How one slow connection ended.
private enum SlowEnd {
    case closedByServer(after: Double, sawTimeoutResponse: Bool)
    case refused(status: Int)
    case connectFailed
    case cutAtEnd(age: Double)
}

func runSlowloris(_ options: Options, _ report: Report) {
    let probe = ServerProbe(pid: options.pid)
    let duration = options.duration ?? options.headerTimeout + 15
    let seconds = Int(duration.rounded(.up))
    _ = raiseOwnDescriptorLimit(to: options.slowConnections + 256)

    // Warm-up, not counted: the file cache trusts a file only once its timestamps are 2 s old, and a fresh
    // scratch copy is younger than that; without it the baseline would measure re-reads.
    sleepSeconds(2.5)
    _ = try? WrkRun(wrk: options.wrk, port: options.port, path: options.staticPath, seconds: 3).finish()
    say("slowloris: baseline wrk -t1 -c20 -d\(seconds)s on \(options.staticPath)")
    guard
        let baselineRun = try? WrkRun(wrk: options.wrk, port: options.port, path: options.staticPath, seconds: seconds)
    else {
        report.row("wrk", "cannot run '\(options.wrk)' (apt-get install -y wrk)", ok: false)
        return
    }
    let baseline = baselineRun.finish()
    say(
        "slowloris: baseline \(Int(baseline.requestsPerSecond)) req/s; now with \(options.slowConnections) slow connections"
    )

    guard
        let attackedRun = try? WrkRun(wrk: options.wrk, port: options.port, path: options.staticPath, seconds: seconds)
    else { return }
    // wrk's connections first (they stay open), so the slow ones cannot crowd them out of the connection limit.
    sleepSeconds(0.3)
    let start = now()
    let end = start + duration
    let request = Array("GET \(options.staticPath) HTTP/1.1\r\nHost: 127.0.0.1:\(options.port)\r\n\r\n".utf8)

    struct Slot {
        var fd: Int32 = -1
        var openedAt = 0.0
        var nextByteAt = 0.0
        var sent = 0
        var received: [UInt8] = []
        /// When a closed slot may open its next connection.
        var reopenAt = 0.0
    }
    var slots = [Slot](repeating: Slot(), count: options.slowConnections)
    var ends: [SlowEnd] = []
    var peakRSS = probe.rssKilobytes ?? 0
    var nextSample = start
    // Open in steps of 100 per 100 ms (a burst of 1,000 SYNs would only measure the accept queue).
    for index in slots.indices { slots[index].reopenAt = start + Double(index / 100) * 0.1 }
    var polls = [pollfd]()
    var pollSlots = [Int]()
    var buffer = [UInt8](repeating: 0, count: 4096)

    while now() < end {
        let t = now()
        if t >= nextSample {
            peakRSS = max(peakRSS, probe.rssKilobytes ?? 0)
            nextSample = t + 0.5
        }
        for index in slots.indices {
            if slots[index].fd < 0 && slots[index].reopenAt > 0 && t >= slots[index].reopenAt {
                let fd = Loopback.startConnect(port: options.port)
                if fd < 0 {
                    ends.append(.connectFailed)
                    slots[index].reopenAt = t + 1
                    continue
                }
                slots[index] = Slot(fd: fd, openedAt: t, nextByteAt: t, sent: 0, received: [], reopenAt: 0)
            }
            // One byte now and then; a not yet connected socket just refuses it, and it is sent on the next turn.
            if slots[index].fd >= 0 && t >= slots[index].nextByteAt && slots[index].sent < request.count {
                let n = request[slots[index].sent...].prefix(1).withUnsafeBytes {
                    send(slots[index].fd, $0.baseAddress, 1, Int32(MSG_NOSIGNAL))
                }
                if n == 1 {
                    slots[index].sent += 1
                    slots[index].nextByteAt = t + options.byteInterval
                }
            }
        }
        polls.removeAll(keepingCapacity: true)
        pollSlots.removeAll(keepingCapacity: true)
        for index in slots.indices where slots[index].fd >= 0 {
            polls.append(pollfd(fd: slots[index].fd, events: Int16(POLLIN), revents: 0))
            pollSlots.append(index)
        }
        let ready = poll(&polls, nfds_t(polls.count), 50)
        guard ready > 0 else { continue }
        let t2 = now()
        for (position, entry) in polls.enumerated() where entry.revents != 0 {
            let index = pollSlots[position]
            let n = buffer.withUnsafeMutableBytes { recv(entry.fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            if n > 0 {
                slots[index].received += buffer[0..<n]
                continue
            }
            if n < 0 && (errno == EAGAIN || errno == EINTR) { continue }
            // End of stream or reset: the server closed it.
            let status = ResponseHead(slots[index].received)?.status
            if status == 503 {
                ends.append(.refused(status: 503))
            } else {
                ends.append(.closedByServer(after: t2 - slots[index].openedAt, sawTimeoutResponse: status == 408))
            }
            close(entry.fd)
            slots[index].fd = -1
            slots[index].reopenAt = t2 + 0.1
        }
    }
    let finish = now()
    for slot in slots where slot.fd >= 0 {
        ends.append(.cutAtEnd(age: finish - slot.openedAt))
        close(slot.fd)
    }
    let attacked = attackedRun.finish()
    // A second baseline after the attack: on a shared 2-core machine other work comes and goes, and the mean of
    // the runs on either side is a fairer reference than the one before alone.
    sleepSeconds(1)
    let after = (try? WrkRun(wrk: options.wrk, port: options.port, path: options.staticPath, seconds: seconds))?
        .finish()

    var closeTimes: [Double] = []
    var with408 = 0
    var refused = 0
    var connectFailures = 0
    var overdue = 0
    var cut = 0
    for end in ends {
        switch end {
        case .closedByServer(let after, let saw408):
            closeTimes.append(after)
            if saw408 { with408 += 1 }
        case .refused: refused += 1
        case .connectFailed: connectFailures += 1
        case .cutAtEnd(let age):
            // Still open at the end: fine if younger than the timeout (plus the server's 250 ms sweep).
            if age > options.headerTimeout + 1 { overdue += 1 } else { cut += 1 }
        }
    }
    closeTimes.sort()
    let reference = (baseline.requestsPerSecond + (after?.requestsPerSecond ?? baseline.requestsPerSecond)) / 2
    let retained = reference > 0 ? attacked.requestsPerSecond / reference : 0
    report.row(
        "wrk baseline",
        String(
            format: "%.0f req/s (%d requests, %d errors)", baseline.requestsPerSecond,
            baseline.requests, baseline.non2xx + baseline.socketErrors))
    report.row(
        "wrk under attack",
        String(
            format: "%.0f req/s (%d requests, %d errors)", attacked.requestsPerSecond, attacked.requests,
            attacked.non2xx + attacked.socketErrors), ok: attacked.non2xx + attacked.socketErrors == 0)
    if let after {
        report.row(
            "wrk baseline after",
            String(
                format: "%.0f req/s (%d requests, %d errors)", after.requestsPerSecond,
                after.requests, after.non2xx + after.socketErrors))
    }
    // Two baselines that disagree by more than 20% mean other work on the machine came or went during the
    // run: the ratio then says more about the neighbours than about the attack.
    let afterRate = after?.requestsPerSecond ?? baseline.requestsPerSecond
    let spread = abs(baseline.requestsPerSecond - afterRate) / max(baseline.requestsPerSecond, afterRate, 1)
    let retainedText = String(
        format: "%.0f%% (%.0f%% of the run before, %.0f%% of the run after; load average %@)", retained * 100,
        attacked.requestsPerSecond / max(baseline.requestsPerSecond, 1) * 100,
        attacked.requestsPerSecond / max(afterRate, 1) * 100, loadAverage())
    if spread > 0.2 {
        report.inconclusive(
            "req/s retained (vs mean of baselines)",
            retainedText + String(format: "; baselines differ by %.0f%%: rerun on a quieter machine", spread * 100),
            target: ">= 80%")
    } else {
        report.row("req/s retained (vs mean of baselines)", retainedText, target: ">= 80%", ok: retained >= 0.8)
    }
    report.row("slow connections opened", "\(ends.count) (\(options.slowConnections) at a time, reopened when closed)")
    let early = closeTimes.filter { $0 < options.headerTimeout - 0.05 }.count
    let late = closeTimes.filter { $0 > options.headerTimeout + 1 }.count
    report.row(
        "closed by server", "\(closeTimes.count), \(with408) of them after a 408",
        target: "all that reached the timeout", ok: overdue == 0 && late == 0 && early == 0)
    if !closeTimes.isEmpty {
        report.row(
            "close time after open",
            String(
                format: "min %.2f s, median %.2f s, max %.2f s", closeTimes[0], percentile(closeTimes, 0.5),
                closeTimes[closeTimes.count - 1]),
            target: String(format: "%.0f-%.0f s", options.headerTimeout, options.headerTimeout + 1),
            ok: early == 0 && late == 0)
    }
    report.row("still open past timeout", "\(overdue)", target: "0", ok: overdue == 0)
    report.row("younger than timeout at end (closed by tool)", "\(cut)")
    if refused + connectFailures > 0 {
        report.row("slow connections refused (503) / connect failed", "\(refused) / \(connectFailures)")
    }
    report.row("server RSS peak", megabytes(peakRSS))
}

/// The 1-minute load average, as /proc/loadavg gives it.
private func loadAverage() -> String {
    (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").first.map(String.init)
        ?? "?"
}
