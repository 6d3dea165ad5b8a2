/// Where the server's messages go. The CLI renders them for a terminal; tests collect them.
public protocol LogSink: Sendable {
    func log(_ level: LogLevel, _ message: String)
}

/// How much a message matters; `.access` lines (one per request) are shown only in verbose mode.
public enum LogLevel: Int, Sendable, Comparable {
    case debug, access, info, warning, error

    public static func < (a: LogLevel, b: LogLevel) -> Bool { a.rawValue < b.rawValue }
}

/// Drops everything (for tests and embedding).
public struct SilentLog: LogSink {
    public init() {}
    public func log(_ level: LogLevel, _ message: String) {}
}
