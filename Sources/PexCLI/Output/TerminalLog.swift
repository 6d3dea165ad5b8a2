public import PexHTTP
import PexSockets

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The server's log rendered for a person at a terminal: compiler-style `warning:`/`error:` prefixes, one
/// whole line per write so lines from different threads never interleave.
public struct TerminalLog: LogSink {
    public let verbosity: Verbosity
    public let colored: Bool
    private let output: any TextOutput
    private let lock = Lock()

    public init(verbosity: Verbosity, colored: Bool, output: any TextOutput = StandardStream.standardError) {
        self.verbosity = verbosity
        self.colored = colored
        self.output = output
    }

    /// A log on stderr, coloured when stderr is a terminal and NO_COLOR is unset or empty.
    public static func standardError(verbosity: Verbosity, environment: [String: String]) -> TerminalLog {
        let stream = StandardStream.standardError
        let colored = Terminal.usesColor(fileDescriptor: stream.fileDescriptor, environment: environment)
        return TerminalLog(verbosity: verbosity, colored: colored, output: stream)
    }

    public func log(_ level: LogLevel, _ message: String) {
        guard level >= verbosity.threshold else { return }
        let line = render(level, message)
        lock.withLock { output.write(line) }
    }

    /// The exact text written for one message, newline included.
    func render(_ level: LogLevel, _ message: String) -> String {
        var message = message
        while message.hasSuffix("\n") { message.removeLast() }
        switch level {
        case .error: return TextStyle.error.apply(to: "error:", enabled: colored) + " " + message + "\n"
        case .warning: return TextStyle.warning.apply(to: "warning:", enabled: colored) + " " + message + "\n"
        case .access, .debug: return TextStyle.dim.apply(to: message, enabled: colored) + "\n"
        case .info: return message + "\n"
        }
    }
}
