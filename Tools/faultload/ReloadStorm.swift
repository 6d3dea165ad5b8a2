// Scenario c (security.md item 27): event-stream clients on /__pexdev/events while a served file is rewritten
// every few milliseconds. Every client must receive every reload event the server sends.
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A plugin source in the served copy, rewritten in place (truncate + write, as most editors save).
struct ScratchFile {
    let path: String
    let original: [UInt8]

    init?(tree: String) {
        let candidates = ["webapp2/plugins/recorder/recorder.plugin.js", "plugins/recorder/recorder.plugin.js"]
        guard let relative = candidates.first(where: { FileManager.default.fileExists(atPath: "\(tree)/\($0)") }),
            let data = FileManager.default.contents(atPath: "\(tree)/\(relative)")
        else { return nil }
        path = "\(tree)/\(relative)"
        original = Array(data)
    }

    /// Writes the original plus a marker line, so every write is a real change.
    func write(_ serial: Int) {
        writeBytes(original + Array("\n// faultload \(serial)\n".utf8))
    }

    func restore() { writeBytes(original) }

    private func writeBytes(_ bytes: [UInt8]) {
        let fd = open(path, O_WRONLY | O_TRUNC)
        guard fd >= 0 else { return }
        _ = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        close(fd)
    }
}

func runReloadStorm(_ options: Options, _ report: Report) {
    let probe = ServerProbe(pid: options.pid)
    guard let file = ScratchFile(tree: options.tree) else {
        report.row("scratch file", "no plugins/recorder/recorder.plugin.js under \(options.tree)", ok: false)
        return
    }
    _ = raiseOwnDescriptorLimit(to: options.streamClients + 256)
    // No Origin header: the hub refuses cross-site requests only (Sec-Fetch-Site, foreign Origin); scripts pass.
    let fleet = StreamFleet(
        port: options.port, target: "/__pexdev/events", count: options.streamClients, counted: "reload")
    defer { fleet.stop() }
    let connectDeadline = now() + 15
    while fleet.clients(thatSaw: "hello") < fleet.count && now() < connectDeadline { sleepSeconds(0.05) }
    let greeted = fleet.clients(thatSaw: "hello")
    report.row("streams open (hello received)", "\(greeted)/\(fleet.count)", ok: greeted == fleet.count)
    guard greeted > 0 else { return }
    let rssBefore = probe.rssKilobytes
    var peakRSS = rssBefore ?? 0

    let interval = Double(options.reloadIntervalMilliseconds) / 1000
    let writes = Int(options.reloadSeconds / interval)
    say("reload: \(writes) writes of \(file.path), one every \(options.reloadIntervalMilliseconds) ms")
    let start = now()
    for serial in 0..<writes {
        let due = start + Double(serial) * interval
        while now() < due { usleep(1000) }
        file.write(serial)
        if serial % 20 == 0 { peakRSS = max(peakRSS, probe.rssKilobytes ?? 0) }
    }
    let writing = now() - start
    // Let the last batch be checked and delivered: wait until the counts stop moving (bounded).
    var last = -1
    var stableSince = now()
    let drainDeadline = now() + 15
    while now() < drainDeadline {
        let total = fleet.receivedIDs.reduce(0) { $0 + $1.count }
        if total != last {
            last = total
            stableSince = now()
        } else if now() - stableSince > 1.5 {
            break
        }
        sleepSeconds(0.1)
    }
    peakRSS = max(peakRSS, probe.rssKilobytes ?? 0)
    let received = fleet.receivedIDs
    let union = Set(received.joined())
    let sent = union.count
    let span = (union.max() ?? 0) - (union.min() ?? 0) + 1
    let counts = received.map(\.count).sorted()
    let complete = received.filter { Set($0) == union && $0.count == union.count }.count
    let inOrder = received.filter { $0 == $0.sorted() }.count
    report.row("file writes", String(format: "%d in %.1f s", writes, writing))
    report.row(
        "reload events sent (distinct ids)", "\(sent) (ids span \(span))",
        target: "<= writes (10 ms debounce merges close writes)", ok: sent > 0 && sent <= writes && span == sent)
    report.row(
        "events per client",
        "min \(counts.first ?? 0), median \(counts.isEmpty ? 0 : counts[counts.count / 2]), max \(counts.last ?? 0)",
        target: "\(sent) each", ok: counts.first == sent && counts.last == sent)
    report.row("clients with every event", "\(complete)/\(fleet.count)", ok: complete == fleet.count)
    report.row("clients with events in order", "\(inOrder)/\(fleet.count)", ok: inOrder == fleet.count)
    report.row("streams ended by the server", "\(fleet.endedCount)", target: "0", ok: fleet.endedCount == 0)
    report.row("server RSS", "before \(megabytes(rssBefore)), peak \(megabytes(peakRSS))")
    file.restore()
}
