import Foundation
import PexHTTP

/// Counts right and wrong answers from several threads.
final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    private var rightCount = 0
    private var wrongCount = 0
    private var failureList: [String] = []

    func add(_ right: Bool) { lock.withLock { if right { rightCount += 1 } else { wrongCount += 1 } } }
    func fail(_ message: String) { lock.withLock { failureList.append(message) } }
    var right: Int { lock.withLock { rightCount } }
    var wrong: Int { lock.withLock { wrongCount } }
    var failures: [String] { lock.withLock { failureList } }
}

/// Keeps every message with its level.
final class LevelLog: LogSink, @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [(LogLevel, String)] = []
    func log(_ level: LogLevel, _ message: String) { lock.withLock { entries.append((level, message)) } }
    func lines(atLeast level: LogLevel) -> [String] { lock.withLock { entries.filter { $0.0 >= level }.map(\.1) } }
}
