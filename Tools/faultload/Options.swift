// pexdev-faultload's command line. Every figure is clamped, so no option can make a run unbounded.
import Foundation

struct Options: Sendable {
    var scenario = ""
    var port = 0
    var pid: Int32 = 0
    /// The served branding folder (a temporary copy: the tool writes into it).
    var tree = ""
    /// The server's header timeout (PexHTTP's default; pexdev has no flag for it).
    var headerTimeout = 10.0
    /// The server's connection limit (PexHTTP's default; pexdev has no flag for it).
    var maxConnections = 1024
    var duration: Double?
    var slowConnections = 1000
    var byteInterval = 10.0
    var idleConnections = 5000
    var streamClients = 200
    var reloadSeconds = 60.0
    var reloadIntervalMilliseconds = 50
    var vanishRounds = 20
    var largeFileMegabytes = 8
    var soakMinutes = 0.0
    var wrk = "wrk"
    var staticPath = "/webapp2/custom_configuration/manifest.json"

    static let usage = """
        usage: pexdev-faultload SCENARIO --port P --pid PID --tree DIR [options]
               pexdev-faultload --soak MINUTES --port P --pid PID --tree DIR [options]
        scenarios (loopback only; each stops by itself):
          slowloris   slow header senders while wrk measures normal traffic (security.md item 23)
          idle        idle keep-alive connections past the connection limit (item 24)
          reload      event-stream clients while a served file changes every few ms (item 27)
          vanish      clients that disappear mid-response and mid-stream; fds and threads after (item 25)
        options:
          --port P                  the pexdev serve port (127.0.0.1)
          --pid PID                 its process id, for /proc figures (RSS, fds, threads)
          --tree DIR                the served branding folder: a scratch copy, written to by reload/vanish/soak
          --duration S              slowloris: attacked and baseline wrk runs (default header timeout + 15)
          --header-timeout S        the server's header timeout to verify against (default 10)
          --max-connections N       the server's connection limit to expect (default 1024)
          --slow-connections N      slowloris connections (default 1000, at most 5000)
          --byte-interval S         seconds between a slow connection's bytes (default 10)
          --idle-connections N      idle: connections to open (default 5000, at most 15000)
          --stream-clients N        reload: event-stream clients (default 200, at most 1000)
          --reload-seconds S        reload: how long to keep changing the file (default 60, at most 600)
          --reload-interval-ms MS   reload: time between writes (default 50, at least 20)
          --vanish-rounds N         vanish: clients per kind (default 20, at most 200)
          --large-file-mb N         vanish: size of the large file (default 8, at most 256)
          --soak MINUTES            mixed traffic for MINUTES (at most 240), RSS every 30 s
          --wrk PATH                the wrk binary (default: wrk on PATH)
          --static-path PATH        the small static file (default \(Options().staticPath))
        """

    static func parse(_ arguments: [String]) -> Options {
        var options = Options()
        var iterator = arguments.makeIterator()
        func value(_ name: String) -> String {
            guard let text = iterator.next() else { fail("\(name) needs a value") }
            return text
        }
        func fail(_ message: String) -> Never {
            FileHandle.standardError.write(Data("pexdev-faultload: \(message)\n\(usage)\n".utf8))
            exit(64)
        }
        func number(_ name: String, _ range: ClosedRange<Double>) -> Double {
            guard let text = iterator.next(), let value = Double(text), range.contains(value) else {
                fail("\(name) needs a number in \(range.lowerBound)...\(range.upperBound)")
            }
            return value
        }
        while let argument = iterator.next() {
            switch argument {
            case "slowloris", "idle", "reload", "vanish": options.scenario = argument
            case "--port": options.port = Int(number(argument, 1...65535))
            case "--pid": options.pid = Int32(number(argument, 1...4_194_304))
            case "--tree": options.tree = value(argument)
            case "--duration": options.duration = number(argument, 1...600)
            case "--header-timeout": options.headerTimeout = number(argument, 1...120)
            case "--max-connections": options.maxConnections = Int(number(argument, 1...100_000))
            case "--slow-connections": options.slowConnections = Int(number(argument, 1...5000))
            case "--byte-interval": options.byteInterval = number(argument, 0.1...60)
            case "--idle-connections": options.idleConnections = Int(number(argument, 1...15000))
            case "--stream-clients": options.streamClients = Int(number(argument, 1...1000))
            case "--reload-seconds": options.reloadSeconds = number(argument, 1...600)
            case "--reload-interval-ms": options.reloadIntervalMilliseconds = Int(number(argument, 20...10_000))
            case "--vanish-rounds": options.vanishRounds = Int(number(argument, 1...200))
            case "--large-file-mb": options.largeFileMegabytes = Int(number(argument, 1...256))
            case "--soak":
                options.scenario = "soak"
                options.soakMinutes = number(argument, 0.1...240)
            case "--wrk": options.wrk = value(argument)
            case "--static-path": options.staticPath = value(argument)
            case "-h", "--help":
                print(usage)
                exit(0)
            default: fail("unknown argument '\(argument)'")
            }
        }
        if options.scenario.isEmpty { fail("name a scenario or --soak MINUTES") }
        if options.port == 0 || options.pid == 0 { fail("--port and --pid are required") }
        if options.tree.isEmpty && ["reload", "vanish", "soak"].contains(options.scenario) {
            fail("\(options.scenario) needs --tree (a scratch copy of the served folder)")
        }
        return options
    }
}

/// The result lines the wrapper script turns into its table: `row|scenario|figure|value|target|verdict`.
final class Report: @unchecked Sendable {
    let scenario: String
    private(set) var failed = false

    init(scenario: String) { self.scenario = scenario }

    func row(_ figure: String, _ value: String, target: String = "", ok: Bool? = nil) {
        let verdict = ok.map { $0 ? "ok" : "FAIL" } ?? ""
        if ok == false { failed = true }
        say("row|\(scenario)|\(figure)|\(value)|\(target)|\(verdict)")
    }

    /// A figure the run could not establish (the machine was too noisy to tell): counts as not passed.
    func inconclusive(_ figure: String, _ value: String, target: String) {
        failed = true
        say("row|\(scenario)|\(figure)|\(value)|\(target)|NOISY")
    }
}
