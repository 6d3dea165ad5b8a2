/// The process exit statuses the CLI uses.
enum ExitStatus {
    static let success: Int32 = 0
    /// The command ran and failed (e.g. the port is taken).
    static let failure: Int32 = 1
    /// The command line itself was wrong: EX_USAGE from sysexits.h, as swift-argument-parser uses.
    static let usage: Int32 = 64
    /// 128 + SIGINT, what shells report for a process killed by Ctrl-C.
    static let interrupted: Int32 = 130
}
