// pexdev-mockload: N event-stream clients on one mock conference while a driver makes R state changes per
// second; reports delivery (every client must see every change) and latency. Loopback only, bounded in
// time. Usage: pexdev-mockload --port P [--clients 200] [--rate 100] [--seconds 10] [--pid PID]
// [--control-port C]: with node mode (`pexdev serve --node http://127.0.0.1:C`) the clients go through the
// proxy on P while the driver changes the mock itself on C, and --pid is the proxy's.
import Foundation
import PexTestSupport

#if canImport(Glibc)
    import Glibc
#endif

struct Options {
    var port = 8081
    var clients = 200
    var rate = 100
    var seconds = 10.0
    var pid: Int32?
    var controlPort: Int?
}

func parseOptions() -> Options {
    var options = Options()
    var arguments = CommandLine.arguments.dropFirst().makeIterator()
    while let argument = arguments.next() {
        let value = arguments.next() ?? ""
        switch argument {
        case "--port": options.port = Int(value) ?? options.port
        case "--clients": options.clients = min(max(Int(value) ?? 200, 1), 2000)
        case "--rate": options.rate = min(max(Int(value) ?? 100, 1), 1000)
        case "--seconds": options.seconds = min(max(Double(value) ?? 10, 1), 900)
        case "--control-port": options.controlPort = Int(value)
        case "--pid": options.pid = Int32(value)
        default:
            FileHandle.standardError.write(Data("unknown argument \(argument)\n".utf8))
            exit(64)
        }
    }
    return options
}

func nowNanoseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}

func rssKilobytes(_ pid: Int32?) -> Int? {
    guard let pid, let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
    for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
        return Int(line.split(separator: " ")[1])
    }
    return nil
}

func post(_ client: RawClient, _ path: String, _ body: String) throws -> RawResponse {
    client.send("POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
    return try client.readResponse()
}

/// What every subscriber saw, filled by one reader thread.
final class Tally: @unchecked Sendable {
    let lock = NSLock()
    var received: [Int]
    var latencies: [UInt64] = []
    var errors: [String] = []
    init(clients: Int) { received = Array(repeating: 0, count: clients) }
}

let options = parseOptions()
let api = "/api/client/v2/conferences/meet"
let tally = Tally(clients: options.clients)
// Join and open every stream first (sync blocks read), then hand the sockets to one poll() reader: one thread
// instead of hundreds keeps the load tool from starving the server it measures on a small machine.
var streams: [EventStreamClient] = []
for index in 0..<options.clients {
    let joiner = try RawClient(port: options.port)
    let reply = try post(joiner, "\(api)/request_token", "{\"display_name\": \"load \(index)\"}")
    guard let json = try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any],
        let token = (json["result"] as? [String: Any])?["token"] as? String
    else { throw ClientError("request_token: \(reply.status)") }
    let stream = try EventStreamClient(port: options.port, target: "\(api)/events?token=\(token)", timeoutSeconds: 5)
    _ = try stream.read { $0.event == "layout" }
    streams.append(stream)
}
let descriptors = streams.map(\.client.fd)
let stopAt = Date().addingTimeInterval(options.seconds + 30)
let marker = Array("\"overlay_text\": \"t".utf8)
/// Complete events in `bytes`: how many bytes they span, and the driver timestamps they carry.
/// Plain loops over raw bytes: the generic collection searches are far too slow for tens of thousands of
/// events a second.
func scan(_ bytes: [UInt8]) -> (Int, [UInt64]) {
    bytes.withUnsafeBytes { raw -> (Int, [UInt64]) in
        var stamps: [UInt64] = []
        var eventStart = 0
        var consumed = 0
        var index = 0
        let count = raw.count
        while index + 1 < count {
            if raw[index] == 10 && raw[index + 1] == 10 {
                if let stamp = timestamp(raw, from: eventStart, to: index) { stamps.append(stamp) }
                index += 2
                eventStart = index
                consumed = index
            } else {
                index += 1
            }
        }
        return (consumed, stamps)
    }
}

func timestamp(_ raw: UnsafeRawBufferPointer, from start: Int, to end: Int) -> UInt64? {
    var index = start
    let length = marker.count
    while index + length <= end {
        if raw[index] == marker[0] {
            var matched = true
            for k in 1..<length where raw[index + k] != marker[k] {
                matched = false
                break
            }
            if matched {
                var cursor = index + length
                var value: UInt64 = 0
                while cursor < end, raw[cursor] >= 48, raw[cursor] <= 57 {
                    value = value * 10 + UInt64(raw[cursor] - 48)
                    cursor += 1
                }
                return value
            }
        }
        index += 1
    }
    return nil
}

let reader = Thread {
    var buffers = Array(repeating: [UInt8](), count: descriptors.count)
    var polls = descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
    var chunk = [UInt8](repeating: 0, count: 65536)
    var done = Array(repeating: false, count: descriptors.count)
    while Date() < stopAt && done.contains(false) {
        let ready = poll(&polls, nfds_t(polls.count), 200)
        guard ready > 0 else { continue }
        for index in polls.indices where polls[index].revents != 0 {
            let n = chunk.withUnsafeMutableBytes {
                recv(polls[index].fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT))
            }
            if n <= 0 {
                if n == 0 || (errno != EAGAIN && errno != EINTR) {
                    done[index] = true
                    polls[index].fd = -1
                    tally.lock.withLock { tally.errors.append("stream \(index) ended") }
                }
                continue
            }
            let arrival = nowNanoseconds()
            buffers[index] += chunk[0..<n]
            // Every complete event (blank line) that carries a driver timestamp counts once. memmem, because
            // the generic collection searches are too slow for tens of thousands of events a second.
            let (consumed, stamps) = scan(buffers[index])
            if consumed > 0 { buffers[index].removeSubrange(..<consumed) }
            if !stamps.isEmpty {
                tally.lock.withLock {
                    tally.received[index] += stamps.count
                    for sent in stamps { tally.latencies.append(arrival >= sent ? arrival - sent : 0) }
                }
            }
        }
    }
}
reader.start()
let rssBefore = rssKilobytes(options.pid)
print("clients connected: \(options.clients); server RSS \(rssBefore.map { "\($0 / 1024) MB" } ?? "?")")

let driver = try RawClient(port: options.controlPort ?? options.port)
let total = Int(options.seconds * Double(options.rate))
let interval = 1_000_000_000 / UInt64(options.rate)
let start = nowNanoseconds()
var peakRSS = rssBefore ?? 0
for sequence in 0..<total {
    let due = start + UInt64(sequence) * interval
    while nowNanoseconds() < due { usleep(200) }
    let body = "{\"update\": {\"participant\": \"Alice Example\", \"overlay_text\": \"t\(nowNanoseconds())\"}}"
    let reply = try post(driver, "/__pexdev/mock/conferences/meet/events", body)
    if reply.status != 200 { print("driver: \(reply.status) \(reply.text)") }
    if sequence % options.rate == 0, let rss = rssKilobytes(options.pid) { peakRSS = max(peakRSS, rss) }
}
let elapsed = Double(nowNanoseconds() - start) / 1e9
// Let the last events arrive (bounded), then read the tallies.
let drainDeadline = Date().addingTimeInterval(5)
while Date() < drainDeadline && tally.lock.withLock({ tally.received.contains { $0 < total } && tally.errors.isEmpty })
{
    usleep(10_000)
}
if let rss = rssKilobytes(options.pid) { peakRSS = max(peakRSS, rss) }
let (sorted, complete, errors) = tally.lock.withLock {
    (tally.latencies.sorted(), tally.received.filter { $0 == total }.count, tally.errors)
}
func percentile(_ p: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    return Double(sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]) / 1e6
}
print(String(format: "changes sent: %d in %.1f s (%.0f/s)", total, elapsed, Double(total) / elapsed))
print("clients that received every change: \(complete)/\(options.clients)")
print("events delivered: \(sorted.count) of \(total * options.clients)")
print(
    String(
        format: "latency ms: median %.2f  p95 %.2f  p99 %.2f  max %.2f", percentile(0.5), percentile(0.95),
        percentile(0.99), percentile(1.0)))
if options.pid != nil {
    let end = rssKilobytes(options.pid).map { "\($0 / 1024) MB" } ?? "?"
    print("server RSS at start \(rssBefore.map { "\($0 / 1024) MB" } ?? "?"), at end \(end), peak \(peakRSS / 1024) MB")
}
if !errors.isEmpty { print("client errors: \(errors.count), first: \(errors[0])") }
exit(complete == options.clients && errors.isEmpty ? 0 : 1)
