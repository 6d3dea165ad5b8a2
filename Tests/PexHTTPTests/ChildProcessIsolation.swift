import Foundation
import XCTest

/// The variable naming the one test a child copy of the test binary should run for real.
private let isolatedTestVariable = "PEXHTTP_TESTS_ISOLATED"

extension XCTestCase {
    /// Runs `body` in a child copy of the test binary. Some inputs make the code under test trap (an index out
    /// of range, an integer conversion that overflows); in-process that would end the whole run, hiding every
    /// later result. Isolated, the trap fails this one test with the child's output.
    func runInChildProcess(
        timeout: Double = 120, function: String = #function, file: StaticString = #filePath, line: UInt = #line,
        _ body: () throws -> Void
    ) rethrows {
        let testName = String(function.prefix { $0 != "(" })
        let identifier = "\(String(reflecting: type(of: self)))/\(testName)"
        if ProcessInfo.processInfo.environment[isolatedTestVariable] == identifier {
            try body()
            return
        }

        let output = FileManager.default.temporaryDirectory
            .appendingPathComponent("pexhttp-isolated-\(testName)-\(ProcessInfo.processInfo.processIdentifier).log")
        defer { try? FileManager.default.removeItem(at: output) }
        guard FileManager.default.createFile(atPath: output.path, contents: nil),
            let handle = try? FileHandle(forWritingTo: output)
        else {
            XCTFail("cannot create \(output.path) for the child's output", file: file, line: line)
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        process.arguments = [identifier]
        var environment = ProcessInfo.processInfo.environment
        environment[isolatedTestVariable] = identifier
        process.environment = environment
        process.standardOutput = handle
        process.standardError = handle
        do {
            try process.run()
        } catch {
            XCTFail("cannot start \(CommandLine.arguments[0]): \(error)", file: file, line: line)
            return
        }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            XCTFail("\(identifier) did not finish within \(Int(timeout)) s", file: file, line: line)
            return
        }
        try? handle.close()
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        switch process.terminationReason {
        case .uncaughtSignal:
            // The trap's message and the frames in Sources/ say what broke; the rest of a backtrace is noise.
            let lines = text.split(separator: "\n")
            let trap = lines.filter { $0.contains("Fatal error") || $0.contains("/Sources/") }.prefix(12)
            XCTFail(
                "\(identifier) CRASHED (signal \(process.terminationStatus)) in the code under test:\n"
                    + trap.joined(separator: "\n"), file: file, line: line)
        case .exit where process.terminationStatus != 0:
            let failures = text.split(separator: "\n").filter { $0.contains(": error: ") }
            XCTFail(
                "\(identifier) failed in the child process:\n" + failures.joined(separator: "\n"), file: file,
                line: line)
        default:
            // A child that ran nothing (a wrong test identifier) must not pass silently.
            XCTAssertTrue(
                text.contains("Executed 1 test"),
                "\(identifier): the child ran no test. Child output:\n" + text.suffix(2000), file: file, line: line)
        }
    }
}
