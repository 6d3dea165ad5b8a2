import Foundation
import PexHTTP
import XCTest

@testable import PexCLI

final class TerminalLogTests: XCTestCase {
    private func logEveryLevel(_ verbosity: Verbosity, colored: Bool = false) -> String {
        let output = RecordingOutput()
        let log = TerminalLog(verbosity: verbosity, colored: colored, output: output)
        log.log(.debug, "debug line")
        log.log(.access, "GET / 200")
        log.log(.info, "info line")
        log.log(.warning, "warning line")
        log.log(.error, "error line")
        return output.text
    }

    func testVerbosityThresholds() {
        XCTAssertEqual(logEveryLevel(.quiet), "warning: warning line\nerror: error line\n")
        XCTAssertEqual(logEveryLevel(.normal), "info line\nwarning: warning line\nerror: error line\n")
        XCTAssertEqual(
            logEveryLevel(.verbose), "GET / 200\ninfo line\nwarning: warning line\nerror: error line\n")
    }

    func testColouredPrefixes() {
        let text = logEveryLevel(.verbose, colored: true)
        XCTAssertTrue(text.contains("\u{1B}[1;33mwarning:\u{1B}[0m warning line\n"), text)
        XCTAssertTrue(text.contains("\u{1B}[1;31merror:\u{1B}[0m error line\n"), text)
        XCTAssertTrue(text.contains("\u{1B}[2mGET / 200\u{1B}[0m\n"), text)
        XCTAssertTrue(text.contains("\ninfo line\n"), text)
        XCTAssertFalse(logEveryLevel(.verbose).contains("\u{1B}"))
    }

    func testOneLinePerMessageEvenWithTrailingNewline() {
        let output = RecordingOutput()
        TerminalLog(verbosity: .normal, colored: false, output: output).log(.info, "already ended\n")
        XCTAssertEqual(output.text, "already ended\n")
    }

    /// The output writes a character at a time; only the log's lock keeps concurrent lines whole.
    func testLinesFromManyThreadsNeverInterleave() {
        let output = CharacterByCharacterOutput()
        let log = TerminalLog(verbosity: .verbose, colored: false, output: output)
        let threads = 8
        let linesPerThread = 50
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            for line in 0..<linesPerThread {
                log.log(.access, "thread \(thread) line \(line) ............")
            }
        }
        let lines = output.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        XCTAssertEqual(lines.count, threads * linesPerThread)
        for line in lines {
            XCTAssertTrue(line.hasPrefix("thread ") && line.hasSuffix(" ............"), "interleaved: \(line)")
        }
    }
}
