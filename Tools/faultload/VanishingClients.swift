// Scenario d (security.md item 25): clients that go away mid-response (a large file), mid dev event stream and
// mid mock event stream, some politely (FIN), some abruptly (reset). The server's descriptors and threads must
// return to where they were.
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// How a client leaves.
private enum Departure: String, CaseIterable {
    case close = "FIN"
    case reset = "RST"
}

/// Reads from a blocking socket until `enough` bytes or `marker` arrived (or 5 s passed).
private func readSome(_ fd: Int32, enough: Int, marker: String? = nil) -> Int {
    var received: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 16384)
    let deadline = now() + 5
    let pattern = marker.map { Array($0.utf8) }
    while now() < deadline && received.count < enough {
        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if n <= 0 { break }
        received += chunk[0..<n]
        if let pattern, received.firstRange(of: pattern) != nil { break }
    }
    return received.count
}

func runVanishingClients(_ options: Options, _ report: Report) {
    let probe = ServerProbe(pid: options.pid)
    let port = options.port
    let webapp2 =
        FileManager.default.fileExists(atPath: "\(options.tree)/webapp2") ? "\(options.tree)/webapp2" : options.tree
    let largeName = "faultload-large.bin"
    let largePath = "\(webapp2)/\(largeName)"
    let largeTarget = "/webapp2/custom_configuration/\(largeName)"
    let size = options.largeFileMegabytes << 20
    _ = FileManager.default.createFile(atPath: largePath, contents: Data(repeating: 0x61, count: size))
    defer { try? FileManager.default.removeItem(atPath: largePath) }
    _ = raiseOwnDescriptorLimit(to: options.vanishRounds * 4 + 256)

    // Warm up everything a round touches, so the baseline already holds what stays cached by design (the file
    // cache keeps large files open for sendfile once they are 2 s old; the watcher's re-check of the new file).
    sleepSeconds(2.5)
    let full = Loopback.get(port: port, largeTarget)
    let fullOK = full?.status == 200 && full?.body.count == size
    _ = Loopback.get(port: port, largeTarget)
    func openStream(_ target: String) -> Int32 {
        let fd = Loopback.connectBlocking(port: port, receiveBuffer: 16384)
        guard fd >= 0 else { return fd }
        Loopback.send(fd, "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAccept: text/event-stream\r\n\r\n")
        return fd
    }
    let mockEvents = "/api/client/v2/conferences/meet/events?token="
    if let token = mockToken(port: port, name: "warm-up") {
        let fd = openStream(mockEvents + token)
        _ = readSome(fd, enough: 1 << 20, marker: "event: layout")
        close(fd)
    }
    let devFD = openStream("/__pexdev/events")
    _ = readSome(devFD, enough: 1 << 20, marker: "event: hello")
    close(devFD)
    sleepSeconds(1.5)
    let fdsBefore = probe.descriptors ?? -1
    let threadsBefore = probe.threads ?? -1
    let rssBefore = probe.rssKilobytes
    report.row("large file", "\(options.largeFileMegabytes) MB, full GET \(fullOK ? "ok" : "FAILED")", ok: fullOK)
    say("vanish: baseline \(fdsBefore) fds, \(threadsBefore) threads, RSS \(megabytes(rssBefore))")

    var peakFDs = fdsBefore
    var peakThreads = threadsBefore
    var vanished: [String: Int] = [:]
    var tokenFailures = 0
    for departure in Departure.allCases {
        for kind in ["large file, after 64 KB", "large file, unread", "dev event stream", "mock event stream"] {
            var fds: [Int32] = []
            for index in 0..<options.vanishRounds {
                let fd: Int32
                switch kind {
                case "large file, after 64 KB", "large file, unread":
                    fd = Loopback.connectBlocking(port: port, receiveBuffer: 16384)
                    if fd >= 0 {
                        Loopback.send(fd, "GET \(largeTarget) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n")
                        if kind.hasSuffix("64 KB") { _ = readSome(fd, enough: 64 << 10) }
                    }
                case "dev event stream":
                    fd = openStream("/__pexdev/events")
                    if fd >= 0 { _ = readSome(fd, enough: 1 << 20, marker: "event: hello") }
                default:
                    guard let token = mockToken(port: port, name: "vanish \(departure.rawValue) \(index)") else {
                        tokenFailures += 1
                        continue
                    }
                    fd = openStream(mockEvents + token)
                    if fd >= 0 { _ = readSome(fd, enough: 1 << 20, marker: "event: layout") }
                }
                if fd >= 0 { fds.append(fd) }
            }
            peakFDs = max(peakFDs, probe.descriptors ?? 0)
            peakThreads = max(peakThreads, probe.threads ?? 0)
            for fd in fds {
                if departure == .reset { Loopback.reset(fd) } else { close(fd) }
            }
            vanished["\(kind) (\(departure.rawValue))"] = fds.count
        }
    }
    // Settle: the server notices each departure on its next read or write; give it a moment (bounded).
    let settleStart = now()
    var fdsAfter = probe.descriptors ?? -1
    var threadsAfter = probe.threads ?? -1
    while now() - settleStart < 10 && (fdsAfter > fdsBefore || threadsAfter > threadsBefore) {
        sleepSeconds(0.25)
        fdsAfter = probe.descriptors ?? -1
        threadsAfter = probe.threads ?? -1
    }
    let settled = now() - settleStart
    for (kind, count) in vanished.sorted(by: { $0.key < $1.key }) { report.row("vanished: \(kind)", "\(count)") }
    if tokenFailures > 0 { report.row("request_token failures", "\(tokenFailures)", ok: false) }
    report.row(
        "server fds",
        "before \(fdsBefore), peak \(peakFDs), after \(fdsAfter) (settled in \(String(format: "%.1f", settled)) s)",
        target: "after = before", ok: fdsAfter <= fdsBefore)
    report.row(
        "server threads", "before \(threadsBefore), peak \(peakThreads), after \(threadsAfter)",
        target: "after = before", ok: threadsAfter <= threadsBefore)
    report.row("server RSS", "before \(megabytes(rssBefore)), after \(megabytes(probe.rssKilobytes))")
    let alive = Loopback.get(port: port, options.staticPath)?.status == 200
    report.row("serves afterwards", alive ? "yes" : "no", ok: alive)
    report.row("mid-proxy", "not run here (needs --node): PexIntegrationTests.ProxyCancellationTests covers it")
}
