// pexdev-proxybench: the latency node mode adds to a small client API call. Sends the same request straight to
// a node (the mock) and through `pexdev serve --node`, alternating, each on its own kept-alive connection, and
// prints both distributions and the difference. Loopback only, bounded.
// Usage: pexdev-proxybench --direct PORT --proxied PORT [--requests 2000]
import Foundation
import PexTestSupport

#if canImport(Glibc)
    import Glibc
#endif

var direct = 0
var proxied = 0
var requests = 2000
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let name = arguments.next() {
    let value = Int(arguments.next() ?? "") ?? 0
    switch name {
    case "--direct": direct = value
    case "--proxied": proxied = value
    case "--requests": requests = min(max(value, 10), 100_000)
    default:
        FileHandle.standardError.write(Data("unknown argument \(name)\n".utf8))
        exit(64)
    }
}
guard direct > 0, proxied > 0 else {
    FileHandle.standardError.write(Data("usage: pexdev-proxybench --direct PORT --proxied PORT [--requests N]\n".utf8))
    exit(64)
}

func now() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}

let api = "/api/client/v2/conferences/meet"
let joiner = try RawClient(port: direct)
let body = #"{"display_name": "bench"}"#
joiner.send(
    "POST \(api)/request_token HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        + "Content-Length: \(body.utf8.count)\r\n\r\n\(body)")
let joined = try joiner.readResponse()
guard let object = try JSONSerialization.jsonObject(with: Data(joined.body)) as? [String: Any],
    let token = (object["result"] as? [String: Any])?["token"] as? String
else {
    print("request_token failed: \(joined.status)")
    exit(1)
}
let request = "GET \(api)/conference_status HTTP/1.1\r\nHost: localhost\r\ntoken: \(token)\r\n\r\n"
let clients = [try RawClient(port: direct), try RawClient(port: proxied)]
var samples: [[Double]] = [[], []]
for round in 0..<(requests + 200) {
    for (index, client) in clients.enumerated() {
        let start = now()
        client.send(request)
        let response = try client.readResponse()
        let elapsed = Double(now() - start) / 1e6
        guard response.status == 200 else {
            print("\(index == 0 ? "direct" : "proxied"): status \(response.status) \(response.text)")
            exit(1)
        }
        if round >= 200 { samples[index].append(elapsed) }  // the first 200 warm up both paths
    }
}
func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
}
print("requests: \(requests) each, GET conference_status, kept-alive, alternating")
for (name, values) in zip(["direct to the node", "through pexdev"], samples) {
    print(
        String(
            format: "%-20@ p50 %.3f ms  p90 %.3f ms  p99 %.3f ms", name as NSString, percentile(values, 0.5),
            percentile(values, 0.9), percentile(values, 0.99)))
}
print(String(format: "added by the proxy: p50 %.3f ms", percentile(samples[1], 0.5) - percentile(samples[0], 0.5)))
