// Scenario e: mixed traffic for many minutes (static files, mock API calls, event streams coming and going,
// file changes), the server's RSS, descriptors and threads printed every 30 s. Memory that only grows is a leak.
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What the traffic threads did, shared with the printer.
final class SoakTally: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [String: Int] = [:]
    private var stopping = false

    func add(_ key: String, _ n: Int = 1) { lock.withLock { counts[key, default: 0] += n } }
    var snapshot: [String: Int] { lock.withLock { counts } }
    var shouldStop: Bool { lock.withLock { stopping } }
    func stop() { lock.withLock { stopping = true } }
}

/// A blocking keep-alive client: one request, one Content-Length response, reconnect when the server closes.
private final class KeepAliveClient {
    let port: Int
    private var fd: Int32 = -1
    private var pending: [UInt8] = []

    init(port: Int) { self.port = port }
    deinit { if fd >= 0 { close(fd) } }

    func request(_ text: String) -> Int? {
        if fd < 0 {
            fd = Loopback.connectBlocking(port: port)
            pending = []
            if fd < 0 { return nil }
        }
        Loopback.send(fd, text)
        var chunk = [UInt8](repeating: 0, count: 65536)
        let deadline = now() + 5
        while now() < deadline {
            if let head = ResponseHead(pending), pending.count >= head.length + (head.contentLength ?? 0) {
                pending.removeSubrange(0..<(head.length + (head.contentLength ?? 0)))
                return head.status
            }
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            pending += chunk[0..<n]
        }
        close(fd)
        fd = -1
        return nil
    }
}

func runSoak(_ options: Options, _ report: Report) {
    let probe = ServerProbe(pid: options.pid)
    let port = options.port
    let tally = SoakTally()
    let end = now() + options.soakMinutes * 60
    guard let file = ScratchFile(tree: options.tree) else {
        report.row("scratch file", "no plugins/recorder/recorder.plugin.js under \(options.tree)", ok: false)
        return
    }
    let host = "Host: 127.0.0.1:\(port)\r\n"
    let staticPaths = [
        "/webapp2/custom_configuration/manifest.json", "/webapp2/custom_configuration/settings.json",
        "/webapp2/custom_configuration/plugins/recorder/recorder.plugin.js",
        "/webapp2/custom_configuration/plugins/recorder/assets/record.svg", "/webapp2/", "/__pexdev/health",
        "/webapp2/custom_configuration/missing.js",
    ]
    var threads: [Thread] = []
    // Static files: about 200 requests a second on one keep-alive connection (a busy browser tab, not a benchmark).
    threads.append(
        Thread {
            let client = KeepAliveClient(port: port)
            var index = 0
            while !tally.shouldStop && now() < end {
                let path = staticPaths[index % staticPaths.count]
                index += 1
                let status = client.request("GET \(path) HTTP/1.1\r\n\(host)\r\n")
                tally.add(status.map { $0 == 200 || $0 == 404 ? "static ok" : "static \($0)" } ?? "static failed")
                usleep(5000)
            }
        })
    // Mock API: join, look around, do something, leave — a participant a second or so.
    threads.append(
        Thread {
            var serial = 0
            while !tally.shouldStop && now() < end {
                serial += 1
                guard let token = mockToken(port: port, name: "soak \(serial)") else {
                    tally.add("mock failed")
                    sleepSeconds(1)
                    continue
                }
                let api = "/api/client/v2/conferences/meet/"
                let headers = "token: \(token)\r\n"
                var ok = 0
                for call in ["conference_status", "participants"] {
                    if Loopback.get(port: port, api + call, headers: headers)?.status == 200 { ok += 1 }
                }
                let chat = Loopback.post(
                    port: port, api + "message", body: "{\"type\": \"text/plain\", \"payload\": \"hi\"}",
                    headers: headers)
                if chat?.status == 200 { ok += 1 }
                let release = Loopback.post(port: port, api + "release_token", body: "", headers: headers)
                if release?.status == 200 { ok += 1 }
                tally.add("mock ok", ok)
                tally.add("mock failed", 4 - ok)
                sleepSeconds(0.5)
            }
        })
    // Event streams: 20 open at any time (dev and mock, alternately), the oldest replaced twice a second.
    threads.append(
        Thread {
            var open: [(fd: Int32, token: String?)] = []
            var chunk = [UInt8](repeating: 0, count: 65536)
            var serial = 0
            var nextTurn = now()
            while !tally.shouldStop && now() < end {
                if now() >= nextTurn {
                    nextTurn = now() + 0.5
                    if open.count >= 20 {
                        let oldest = open.removeFirst()
                        close(oldest.fd)
                    }
                    serial += 1
                    var target = "/__pexdev/events"
                    var token: String?
                    if serial % 2 == 0 {
                        token = mockToken(port: port, name: "stream \(serial)")
                        target = "/api/client/v2/conferences/meet/events?token=\(token ?? "")"
                    }
                    let fd = Loopback.connectBlocking(port: port)
                    if fd >= 0 {
                        Loopback.send(fd, "GET \(target) HTTP/1.1\r\n\(host)Accept: text/event-stream\r\n\r\n")
                        open.append((fd, token))
                        tally.add("streams opened")
                    } else {
                        tally.add("streams failed")
                    }
                }
                var polls = open.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
                guard poll(&polls, nfds_t(polls.count), 100) > 0 else { continue }
                for entry in polls where entry.revents != 0 {
                    let n = chunk.withUnsafeMutableBytes {
                        recv(entry.fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT))
                    }
                    if n == 0 {
                        // A mock stream ends when its participant's token lapses; that is the mock's business.
                        open.removeAll { $0.fd == entry.fd }
                        close(entry.fd)
                        tally.add("streams ended by server")
                    }
                }
            }
            for stream in open { close(stream.fd) }
        })
    for thread in threads { thread.start() }

    var curve: [(Double, Int)] = []
    let start = now()
    var nextPrint = start
    var nextWrite = start
    var writes = 0
    let fdsStart = probe.descriptors
    let threadsStart = probe.threads
    while now() < end {
        let t = now()
        if t >= nextWrite {
            file.write(writes)
            writes += 1
            nextWrite = t + 2
        }
        if t >= nextPrint {
            let rss = probe.rssKilobytes ?? 0
            curve.append((t - start, rss))
            let counts = tally.snapshot.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(
                separator: ", ")
            say(
                String(
                    format: "soak %5.0f s  RSS %@  fds %@  threads %@  %@", t - start, megabytes(rss),
                    probe.descriptors.map(String.init) ?? "?", probe.threads.map(String.init) ?? "?", counts))
            nextPrint = t + 30
        }
        sleepSeconds(min(0.2, max(0, end - now())))
    }
    tally.stop()
    while threads.contains(where: { !$0.isFinished }) { usleep(20_000) }
    file.restore()
    sleepSeconds(2)
    let rssEnd = probe.rssKilobytes ?? 0
    curve.append((now() - start, rssEnd))
    let values = curve.map(\.1)
    let counts = tally.snapshot
    report.row("duration", String(format: "%.1f min, %d file writes", options.soakMinutes, writes))
    report.row(
        "RSS curve (every 30 s)", curve.map { String(format: "%.1f", Double($0.1) / 1024) }.joined(separator: " "))
    report.row(
        "RSS start / max / end", "\(megabytes(values.first)) / \(megabytes(values.max())) / \(megabytes(rssEnd))",
        target: "< 64 MB", ok: (values.max() ?? 0) < 64 * 1024)
    report.row(
        "fds / threads start -> end (after 2 s)",
        "\(fdsStart.map(String.init) ?? "?") -> \(probe.descriptors.map(String.init) ?? "?") / \(threadsStart.map(String.init) ?? "?") -> \(probe.threads.map(String.init) ?? "?")"
    )
    report.row(
        "traffic", counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "),
        ok: (counts["static failed"] ?? 0) + (counts["mock failed"] ?? 0) + (counts["streams failed"] ?? 0) == 0)
}
