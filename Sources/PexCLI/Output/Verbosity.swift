public import PexHTTP

/// How much the server says on stderr: `--quiet`, the default, or `--verbose`.
public enum Verbosity: Sendable, Equatable {
    case quiet, normal, verbose

    /// The least important level still shown.
    public var threshold: LogLevel {
        switch self {
        case .quiet: .warning
        case .normal: .info
        case .verbose: .access
        }
    }
}
