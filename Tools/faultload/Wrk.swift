// Runs wrk (the measuring client of the side-by-side benchmark) and reads its summary.
import Foundation

/// One wrk run's figures.
struct WrkResult {
    var requestsPerSecond: Double
    var requests: Int
    var non2xx: Int
    var socketErrors: Int
    var output: String
}

/// A wrk run started in the background.
final class WrkRun {
    private let process = Process()
    private let pipe = Pipe()

    init(wrk: String, port: Int, path: String, seconds: Int, connections: Int = 20) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            wrk, "-t1", "-c\(connections)", "-d\(seconds)s", "--timeout", "5s", "http://127.0.0.1:\(port)\(path)",
        ]
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
    }

    /// Waits for wrk to end (it stops itself after its duration) and parses what it printed.
    func finish() -> WrkResult {
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let output = String(decoding: data, as: UTF8.self)
        var result = WrkResult(requestsPerSecond: 0, requests: 0, non2xx: 0, socketErrors: 0, output: output)
        for line in output.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if line.hasPrefix("Requests/sec:"), fields.count > 1 { result.requestsPerSecond = Double(fields[1]) ?? 0 }
            if line.contains("requests in"), let first = fields.first { result.requests = Int(first) ?? 0 }
            if line.contains("Non-2xx or 3xx responses:"), let last = fields.last { result.non2xx = Int(last) ?? 0 }
            if line.contains("Socket errors:") {
                // "Socket errors: connect 0, read 0, write 0, timeout 0"
                result.socketErrors = fields.compactMap { Int($0.trimmingCharacters(in: .punctuationCharacters)) }
                    .reduce(0, +)
            }
        }
        return result
    }
}
