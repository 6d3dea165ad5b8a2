import Foundation
import PexCLI

/// A `TextOutput` that keeps what was written, for checking help, diagnostics and log lines.
final class RecordingOutput: TextOutput, @unchecked Sendable {
    private let lock = NSLock()
    private var buffer = ""

    var text: String { lock.withLock { buffer } }

    func write(_ text: String) {
        lock.withLock { buffer += text }
    }
}

/// A `TextOutput` that writes one character at a time, yielding between them, so that two unsynchronised
/// writers would visibly interleave.
final class CharacterByCharacterOutput: TextOutput, @unchecked Sendable {
    private let lock = NSLock()
    private var buffer = ""

    var text: String { lock.withLock { buffer } }

    func write(_ text: String) {
        for character in text {
            lock.withLock { buffer.append(character) }
            sched_yield()
        }
    }
}
